// The built-in panels' styles are in css/panels.css, beside the shell's
// stylesheet: each panel module links it when it registers (once for all),
// so the shell's index.html and airsight.css need not know about them.

const linked = new Set();

/** Adds <link rel="stylesheet" href=path> to the page unless it is there. */
export function useStylesheet(path) {
    const href = new URL(path, document.baseURI).href;
    if (linked.has(href)) return;
    linked.add(href);
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
}
