package io.mailharness.pages;

/**
 * The CSS both comparison pages share: system fonts only (no web font, no network), compact tables, and
 * the outcome colours. Outcome colours come from the Okabe–Ito palette, which stays distinguishable
 * under the common colour-vision deficiencies, and every coloured cell also carries a glyph and a text
 * label, so colour is never the only signal.
 */
final class PageStyle {
    private PageStyle() {}

    /** A favicon that needs no request, so opening the page from a file logs no failed fetch. */
    static final String NO_FAVICON = "<link rel=\"icon\" href=\"data:,\">";

    static final String BASE = """
            :root { --ink:#1d1d1f; --muted:#5f6368; --line:#d0d4d9; --head:#f3f5f7; --accent:#0072b2; }
            * { box-sizing: border-box; }
            html, body { margin:0; padding:0; }
            body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   color: var(--ink); background:#fff; }
            h1 { font-size: 18px; margin: 0 0 4px; }
            h2 { font-size: 15px; margin: 18px 0 6px; }
            h3 { font-size: 13px; margin: 12px 0 4px; }
            code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
            pre { white-space: pre-wrap; word-break: break-all; background:#f7f7f9; border:1px solid var(--line);
                  border-radius:4px; padding:6px 8px; margin:0; max-height: 60vh; overflow:auto; }
            .muted { color: var(--muted); }
            .small { font-size: 11px; }
            table.data { border-collapse: collapse; margin: 4px 0 12px; }
            table.data th, table.data td { border:1px solid var(--line); padding:3px 7px; text-align:right; white-space:nowrap; }
            table.data th { background: var(--head); font-weight:600; }
            table.data th:first-child, table.data td.name { text-align:left; }
            .warn-box { border-left:4px solid #e69f00; background:#fff8e6; padding:6px 10px; margin:8px 0; }
            .bad-box { border-left:4px solid #d55e00; background:#fdeee6; padding:6px 10px; margin:8px 0; }
            .badge { display:inline-block; padding:0 5px; border-radius:3px; font-weight:600; font-size:11px; line-height:16px; }
            .o-pass { background:#d4e6f6; color:#0b3c66; }
            .o-fail { background:#d55e00; color:#fff; }
            .o-warn { background:#f0e442; color:#3a3300; }
            .o-skip { background:#e8e8e8; color:#4a4a4a; }
            .o-info { background:#fff; color:#00507a; box-shadow: inset 0 0 0 1px #56b4e9; }
            .o-notrun { background: repeating-linear-gradient(135deg,#f4f4f4 0 4px,#fff 4px 8px); color:#666; }
            .o-na { background: repeating-linear-gradient(135deg,#ececec 0 4px,#f8f8f8 4px 8px); color:#777; }
            """;
}
