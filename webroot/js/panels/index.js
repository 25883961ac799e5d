// The UI's own modules, registered in this order before the plugins' ones.
// Each exports register(api[, app]) and extends the UI only through the API
// (js/plugin-api.js), exactly as a plugin's js= module does. To add a
// built-in panel: write js/panels/<name>.js and list it here.

import * as alerts from "./alerts.js";
import * as devices from "./devices.js";
import * as graphs from "./graphs.js";
import * as messages from "./messages.js";
import * as sources from "./sources.js";

export const BUILTIN_MODULES = [
    ["devices", devices],
    ["sources", sources],
    ["graphs", graphs],
    ["messages", messages],
    ["alerts", alerts],
];
