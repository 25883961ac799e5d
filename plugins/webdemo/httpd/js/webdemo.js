// webdemo: a UI module in the shape Kismet's web UI loads from a plugin's js=
// entry ("webdemo,/plugin/webdemo/js/webdemo.js"): the UI fetches the script,
// then waits for the global named before the comma to set load_complete.
(
  typeof define === "function" ? function (m) { define("plugin-webdemo-js", m); } :
  typeof exports === "object" ? function (m) { module.exports = m(); } :
  function (m) { this.webdemo = m(); }
)(function () {
"use strict";

var exports = {};
exports.load_complete = 0;

// Relative to the UI's location, so a server behind a URL prefix still works.
var prefix = (typeof KISMET_URI_PREFIX !== "undefined") ? KISMET_URI_PREFIX : "";

// Fetches the plugin list and returns a short summary line. The list needs
// the login: the browser sends the session cookie, or the Basic login it was
// asked for; without either the server answers 401 and we say so.
exports.summary = function (done) {
    fetch(prefix + "plugins/all_plugins.json", { credentials: "include" })
        .then(function (r) {
            if (r.status === 401) throw new Error("log in first (open " + prefix + "session/check_session)");
            if (!r.ok) throw new Error("HTTP " + r.status);
            return r.json();
        })
        .then(function (plugins) { done(plugins.length + " plugin(s) active"); })
        .catch(function (e) { done("plugin list unavailable: " + e.message); });
};

// Adds a sidebar entry when running inside a Kismet-style UI.
if (typeof kismet_ui_sidebar !== "undefined" && kismet_ui_sidebar.AddSidebarItem) {
    kismet_ui_sidebar.AddSidebarItem({
        id: "webdemo_sidebar",
        listTitle: "Web demo plugin",
        clickCallback: function () { window.open(prefix + "plugin/webdemo/index.html", "_blank"); },
    });
}

exports.load_complete = 1;
return exports;
});
