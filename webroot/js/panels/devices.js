// The Devices tab: the device list with its built-in columns and the
// built-in detail sections. A module like any plugin's: it extends the UI
// only through the API it is given (js/plugin-api.js).

import { BUILTIN_COLUMNS } from "../devices/columns.js";
import { registerDetailSections } from "../devices/detail-sections.js";
import { DeviceTable } from "../devices/device-table.js";

export function register(api, app) {
    for (const column of BUILTIN_COLUMNS) api.addDeviceColumn(column);
    registerDetailSections(api);

    // The table reads the column registry directly (it lists every module's
    // columns), which is why this built-in module also receives `app`.
    const table = new DeviceTable({
        api: api.rest,
        columns: app.columns,
        onOpen: (key) => api.openDevice(key),
        guardCell: (column, fn, cell) => guardCell(column, fn, cell),
    });
    // A new device may land on the visible page: refresh it soon, not at the next tick.
    api.events.subscribe("NEW_DEVICE", () => table.refreshSoon(), { fields: ["kismet.device.base.key"] });

    api.addTab({
        id: "devices",
        title: "Devices",
        order: 0,
        create: async (container) => {
            container.append(table.element);
            await table.loadViews();
        },
        onShow: () => table.show(),
        onHide: () => table.hide(),
    });
}

// A column whose render throws shows a mark in its cells and is reported once.
const reported = new Set();
function guardCell(column, fn, cell) {
    try {
        fn();
    } catch (error) {
        cell.textContent = "⚠";
        cell.title = `${column.title}: ${error.message}`;
        if (!reported.has(column.id)) {
            reported.add(column.id);
            console.warn(`${column.owner || "column"} ${column.id}: render failed:`, error);
        }
    }
}
