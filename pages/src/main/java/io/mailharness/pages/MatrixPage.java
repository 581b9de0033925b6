package io.mailharness.pages;

import io.mailharness.result.ConformanceRun;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.mailharness.pages.HtmlEscaper.preformatted;
import static io.mailharness.pages.HtmlEscaper.text;

/**
 * The conformance matrix as one self-contained HTML page ({@code conformance-matrix.html}): checks as rows
 * grouped by RFC section, servers as columns with their version and totals, a colour-coded and labelled
 * cell per check and server. Clicking a cell opens a side panel with the check's requirement, expected,
 * actual and transcript. Filters by level, tag, "servers differ" and free text. Inline CSS and script
 * only: the page opens from a file with no network.
 */
public final class MatrixPage {
    public static final String FILE_NAME = "conformance-matrix.html";

    private MatrixPage() {}

    public static String render(MatrixModel model) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(PageStyle.NO_FAVICON).append('\n')
                .append("<title>").append(text(model.title())).append("</title>\n")
                .append("<style>\n").append(PageStyle.BASE).append(STYLE).append("</style>\n</head>\n<body>\n");
        header(out, model);
        out.append("<div class=\"workspace\">\n<main class=\"matrix-wrap\" id=\"matrix-wrap\">\n");
        table(out, model);
        out.append("</main>\n");
        panel(out, model);
        out.append("</div>\n");
        out.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, MatrixModel model) {
        out.append("<header class=\"top\">\n<h1>").append(text(model.title())).append("</h1>\n<p class=\"muted\">")
                .append(model.rows().size()).append(" checks × ").append(model.columns().size()).append(" servers; ")
                .append(model.differingRows()).append(" checks where the servers differ. Generated ")
                .append(text(model.generatedAt().toString())).append(". Click a cell for expected, actual and transcript; the address then links to that cell.</p>\n");
        out.append("<form class=\"filters\" id=\"filters\" onsubmit=\"return false\">\n<fieldset><legend>Level</legend>");
        for (Level level : Level.values()) {
            out.append("<label><input type=\"checkbox\" name=\"level\" value=\"").append(level.name()).append("\" checked> ")
                    .append(level.name()).append("</label>");
        }
        out.append("</fieldset>\n");
        List<String> tags = model.tags();
        if (!tags.isEmpty()) {
            out.append("<fieldset><legend>Tags (untick to hide)</legend>");
            for (String tag : tags) {
                out.append("<label><input type=\"checkbox\" name=\"tag\" value=\"").append(text(tag)).append("\" checked> ")
                        .append(text(tag)).append("</label>");
            }
            out.append("</fieldset>\n");
        }
        out.append("<fieldset><legend>Rows</legend><label><input type=\"checkbox\" id=\"only-differing\"> only where servers differ</label>")
                .append("<label>find <input type=\"search\" id=\"find\" placeholder=\"ID or words\" size=\"16\"></label></fieldset>\n")
                .append("<span id=\"shown-count\" class=\"muted\">").append(model.rows().size()).append(" of ")
                .append(model.rows().size()).append(" checks shown</span>\n</form>\n");
        out.append("<p class=\"legend small\">");
        for (Outcome o : Outcome.values()) {
            out.append("<span class=\"badge ").append(outcomeClass(o)).append("\">").append(glyph(o)).append(' ').append(o.name()).append("</span> ");
        }
        out.append("<span class=\"badge o-notrun\">NOT RUN</span> <span class=\"badge o-na\">N/A</span> ")
                .append("<span class=\"muted\">— NOT RUN: the check is missing from that server's result; N/A: the server was unavailable.</span></p>\n</header>\n");
    }

    private static void table(StringBuilder out, MatrixModel model) {
        List<MatrixColumn> columns = model.columns();
        out.append("<table class=\"matrix\" id=\"matrix\">\n<thead>\n<tr><th class=\"corner\" scope=\"col\">Check <span class=\"muted small\">(level, requirement)</span></th>");
        for (int i = 0; i < columns.size(); i++) {
            MatrixColumn column = columns.get(i);
            out.append("<th class=\"server").append(column.available() ? "" : " unavailable").append("\" scope=\"col\" data-server=\"")
                    .append(text(column.name())).append("\"><div class=\"server-name\">").append(text(column.name())).append("</div>");
            out.append("<div class=\"version\" title=\"").append(text(column.version())).append("\">")
                    .append(column.version().isBlank() ? "<span class=\"muted\">version unknown</span>" : text(column.version())).append("</div>");
            if (column.available()) {
                ConformanceRun run = column.run().orElseThrow();
                String greeting = (run.smtpGreeting() + "\n" + run.pop3Greeting()).strip();
                if (!greeting.isBlank()) out.append("<div class=\"greeting small muted\" title=\"").append(text(greeting)).append("\">").append(text(greeting.lines().findFirst().orElse(""))).append("</div>");
                out.append("<div class=\"totals\">");
                Map<Outcome, Integer> totals = model.totals(i);
                for (Outcome o : Outcome.values()) {
                    out.append("<span class=\"tot ").append(outcomeClass(o)).append("\" title=\"").append(o.name())
                            .append("\" data-outcome=\"").append(o.name()).append("\">").append(glyph(o)).append(totals.get(o)).append("</span>");
                }
                int notRun = model.notRun(i);
                if (notRun > 0) out.append("<span class=\"tot o-notrun\" title=\"NOT RUN\" data-outcome=\"NOT_RUN\">∅").append(notRun).append("</span>");
                out.append("</div>");
            } else {
                out.append("<div><span class=\"badge o-na\">unavailable</span></div><div class=\"reason small\" title=\"")
                        .append(text(column.unavailableReason())).append("\">").append(text(column.unavailableReason())).append("</div>");
            }
            out.append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        int rowIndex = 0;
        for (int s = 0; s < model.sections().size(); s++) {
            MatrixModel.Section section = model.sections().get(s);
            out.append("<tr class=\"section\" data-section=\"").append(s).append("\"><th scope=\"rowgroup\" class=\"section-name\">")
                    .append(text(section.heading())).append("</th><td colspan=\"").append(columns.size()).append("\"></td></tr>\n");
            for (MatrixModel.Row row : section.rows()) {
                row(out, model, row, s, rowIndex++);
            }
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder out, MatrixModel model, MatrixModel.Row row, int section, int rowIndex) {
        String search = (row.id() + " " + row.requirement() + " " + row.sectionHeading() + " " + String.join(" ", row.tags())).toLowerCase(Locale.ROOT);
        out.append("<tr class=\"check").append(row.differs() ? " differs" : "").append("\" id=\"row-").append(rowIndex)
                .append("\" data-check=\"").append(text(row.id())).append("\" data-section=\"").append(section)
                .append("\" data-level=\"").append(row.level().name()).append("\" data-tags=\"").append(text(String.join(" ", row.tags())))
                .append("\" data-differs=\"").append(row.differs()).append("\" data-search=\"").append(text(search)).append("\">");
        out.append("<th scope=\"row\" class=\"check-name\"><span class=\"check-id mono\">").append(text(row.id())).append("</span> ")
                .append("<span class=\"level lv-").append(row.level().name().toLowerCase(Locale.ROOT)).append("\">").append(row.level().name()).append("</span>");
        if (row.differs()) out.append(" <span class=\"differs-mark\" title=\"the servers differ on this check\">≠</span>");
        out.append("<div class=\"req\" title=\"").append(text(row.requirement())).append("\">").append(text(row.requirement())).append("</div></th>");
        for (int c = 0; c < row.cells().size(); c++) {
            MatrixModel.Cell cell = row.cells().get(c);
            String server = model.columns().get(c).name();
            out.append("<td class=\"cell-td\"><button type=\"button\" class=\"cell ").append(cellClass(cell))
                    .append("\" data-detail=\"d-").append(rowIndex).append('-').append(c)
                    .append("\" aria-controls=\"panel\" aria-label=\"").append(text(row.id() + " on " + server + ": " + cell.label()))
                    .append("\">").append(cellGlyph(cell)).append(' ').append(cell.label()).append("</button></td>");
        }
        out.append("</tr>\n");
    }

    private static void panel(StringBuilder out, MatrixModel model) {
        out.append("<aside id=\"panel\" class=\"panel\" hidden tabindex=\"-1\" aria-label=\"Cell details\">\n")
                .append("<button type=\"button\" class=\"close\" id=\"panel-close\" aria-label=\"Close\">× close</button>\n");
        int rowIndex = 0;
        for (MatrixModel.Section section : model.sections()) {
            for (MatrixModel.Row row : section.rows()) {
                for (int c = 0; c < row.cells().size(); c++) {
                    detail(out, row, row.cells().get(c), model.columns().get(c), rowIndex, c);
                }
                rowIndex++;
            }
        }
        out.append("</aside>\n");
    }

    private static void detail(StringBuilder out, MatrixModel.Row row, MatrixModel.Cell cell, MatrixColumn column, int rowIndex, int c) {
        out.append("<section class=\"detail\" id=\"d-").append(rowIndex).append('-').append(c).append("\" hidden>\n<h2><span class=\"badge ")
                .append(cellClass(cell)).append("\">").append(cellGlyph(cell)).append(' ').append(cell.label()).append("</span> ")
                .append("<span class=\"mono\">").append(text(row.id())).append("</span> on ").append(text(column.name())).append("</h2>\n");
        out.append("<p class=\"muted\">").append(text(row.sectionHeading())).append(" · ").append(row.level().name());
        if (!row.tags().isEmpty()) out.append(" · ").append(text(String.join(", ", row.tags())));
        if (cell.kind() == MatrixModel.CellKind.RESULT) out.append(" · ").append(cell.durationMillis()).append(" ms");
        if (!column.version().isBlank()) out.append("<br>").append(text(column.name())).append(": ").append(text(column.version()));
        out.append("</p>\n<p class=\"requirement\">").append(text(row.requirement())).append("</p>\n");
        switch (cell.kind()) {
            case UNAVAILABLE -> out.append("<h3>Server unavailable</h3>\n<pre class=\"reason\">").append(preformatted(cell.transcript())).append("</pre>\n");
            case NOT_RUN -> out.append("<p>This check is missing from the server's conformance result (a different suite version, or the run stopped early).</p>\n");
            case RESULT -> {
                if (!cell.expected().isBlank()) out.append("<h3>Expected</h3>\n<pre class=\"expected\">").append(preformatted(cell.expected())).append("</pre>\n");
                if (!cell.actual().isBlank()) out.append("<h3>Actual</h3>\n<pre class=\"actual\">").append(preformatted(cell.actual())).append("</pre>\n");
                out.append("<h3>Transcript</h3>\n");
                if (cell.transcript().isBlank()) {
                    out.append("<p class=\"muted transcript-none\">No transcript recorded (the suite keeps transcripts of checks that did not pass).</p>\n");
                } else {
                    out.append("<pre class=\"transcript\">").append(preformatted(cell.transcript())).append("</pre>\n");
                }
            }
        }
        out.append("</section>\n");
    }

    static String outcomeClass(Outcome o) {
        return "o-" + o.name().toLowerCase(Locale.ROOT);
    }

    static String glyph(Outcome o) {
        return switch (o) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case WARN -> "!";
            case SKIP -> "–";
            case INFO -> "i";
        };
    }

    private static String cellClass(MatrixModel.Cell cell) {
        return switch (cell.kind()) {
            case RESULT -> outcomeClass(cell.outcome());
            case NOT_RUN -> "o-notrun";
            case UNAVAILABLE -> "o-na";
        };
    }

    private static String cellGlyph(MatrixModel.Cell cell) {
        return switch (cell.kind()) {
            case RESULT -> glyph(cell.outcome());
            case NOT_RUN -> "∅";
            case UNAVAILABLE -> "·";
        };
    }

    private static final String STYLE = """
            body { display:flex; flex-direction:column; height:100vh; overflow:hidden; }
            header.top { padding:8px 12px 4px; border-bottom:1px solid var(--line); flex:none; }
            header.top p { margin:2px 0; }
            .filters { display:flex; flex-wrap:wrap; gap:4px 14px; align-items:center; margin:4px 0; }
            .filters fieldset { border:1px solid var(--line); border-radius:4px; padding:1px 8px 3px; margin:0; }
            .filters legend { font-size:11px; color:var(--muted); padding:0 3px; }
            .filters label { margin-right:8px; white-space:nowrap; }
            .legend .badge { margin-right:2px; }
            .workspace { flex:1; display:flex; min-height:0; }
            .matrix-wrap { flex:1; overflow:auto; min-width:0; }
            table.matrix { border-collapse:separate; border-spacing:0; }
            table.matrix th, table.matrix td { border-right:1px solid var(--line); border-bottom:1px solid var(--line); padding:2px 4px; }
            table.matrix thead th { position:sticky; top:0; z-index:2; background:var(--head); vertical-align:bottom; text-align:left; }
            table.matrix thead th.corner { left:0; z-index:3; }
            table.matrix tbody th { position:sticky; left:0; z-index:1; background:#fff; text-align:left; font-weight:normal; }
            th.server { min-width:7.5rem; max-width:11rem; font-weight:normal; }
            th.server.unavailable { background:#eee; }
            .server-name { font-weight:700; word-break:break-word; }
            .version { font-size:11px; color:var(--muted); display:-webkit-box; -webkit-line-clamp:2; -webkit-box-orient:vertical; overflow:hidden; word-break:break-word; }
            .reason { color:#8a3b00; display:-webkit-box; -webkit-line-clamp:3; -webkit-box-orient:vertical; overflow:hidden; word-break:break-word; }
            pre.reason { display:block; color:inherit; }
            .totals { display:flex; flex-wrap:wrap; gap:2px; margin-top:3px; }
            .tot { font-size:11px; padding:0 3px; border-radius:3px; font-weight:600; }
            th.corner, th.check-name, th.section-name { width:25rem; min-width:18rem; max-width:25rem; }
            tr.section th, tr.section td { background:#e9eef3; font-weight:700; padding:4px 6px; }
            table.matrix tr.section th { background:#e9eef3; }
            .greeting { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; max-width:10.5rem; }
            .panel-open th.corner, .panel-open th.check-name, .panel-open th.section-name { width:15rem; min-width:15rem; max-width:15rem; }
            .panel-open .req { max-width:14.5rem; }
            .check-id { font-weight:600; }
            .level { font-size:10px; font-weight:700; padding:0 3px; border:1px solid currentColor; border-radius:3px; }
            .lv-must { color:#a33c00; } .lv-should { color:#6b5800; } .lv-may { color:#0b5a8a; } .lv-info { color:#666; }
            .differs-mark { color:#cc79a7; font-weight:700; }
            .req { color:var(--muted); font-size:11px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; max-width:24.5rem; }
            td.cell-td { padding:1px; }
            button.cell { width:100%; min-width:6.5rem; border:0; border-radius:3px; padding:3px 4px; font:inherit; font-size:12px;
                          font-weight:600; text-align:left; cursor:pointer; }
            button.cell:hover, button.cell:focus-visible { outline:2px solid #000; outline-offset:-2px; }
            button.cell.selected { outline:3px solid #cc79a7; outline-offset:-3px; }
            tr.check:hover th, tr.check:hover td { background-color:#fafbfc; }
            .panel { flex:0 0 min(40rem, 45vw); overflow:auto; background:#fff; border-left:3px solid var(--accent);
                     box-shadow:-3px 0 10px rgba(0,0,0,.12); padding:8px 14px; }
            .panel .close { float:right; font:inherit; cursor:pointer; border:1px solid var(--line); background:#fff; border-radius:3px; }
            .panel h2 { margin-top:2px; }
            .requirement { font-style:italic; }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var rows = Array.prototype.slice.call(document.querySelectorAll('tr.check'));
              var sections = Array.prototype.slice.call(document.querySelectorAll('tr.section'));
              var panel = document.getElementById('panel');
              var count = document.getElementById('shown-count');
              var onlyDiffering = document.getElementById('only-differing');
              var find = document.getElementById('find');
              var current = null, currentButton = null;

              function values(name, wantChecked) {
                return Array.prototype.slice.call(document.querySelectorAll('input[name="' + name + '"]'))
                  .filter(function (i) { return i.checked === wantChecked; })
                  .map(function (i) { return i.value; });
              }

              function applyFilters() {
                var levels = values('level', true);
                var hiddenTags = values('tag', false);
                var query = find.value.trim().toLowerCase();
                var shown = 0, sectionShown = {};
                rows.forEach(function (row) {
                  var tags = row.dataset.tags ? row.dataset.tags.split(' ') : [];
                  var visible = levels.indexOf(row.dataset.level) >= 0
                    && !tags.some(function (t) { return hiddenTags.indexOf(t) >= 0; })
                    && (!onlyDiffering.checked || row.dataset.differs === 'true')
                    && (query === '' || row.dataset.search.indexOf(query) >= 0);
                  row.hidden = !visible;
                  if (visible) { shown++; sectionShown[row.dataset.section] = true; }
                });
                sections.forEach(function (s) { s.hidden = !sectionShown[s.dataset.section]; });
                count.textContent = shown + ' of ' + rows.length + ' checks shown';
              }

              function openCell(button) {
                if (current) current.hidden = true;
                if (currentButton) { currentButton.classList.remove('selected'); currentButton.setAttribute('aria-expanded', 'false'); }
                current = document.getElementById(button.dataset.detail);
                currentButton = button;
                current.hidden = false;
                panel.hidden = false;
                document.body.classList.add('panel-open');
                panel.scrollTop = 0;
                button.scrollIntoView({block: 'nearest', inline: 'nearest'});
                button.classList.add('selected');
                button.setAttribute('aria-expanded', 'true');
                try { history.replaceState(null, '', '#' + button.dataset.detail); } catch (ignored) { /* a permalink is a nicety */ }
              }

              function closePanel() {
                panel.hidden = true;
                document.body.classList.remove('panel-open');
                if (currentButton) { currentButton.classList.remove('selected'); currentButton.setAttribute('aria-expanded', 'false'); currentButton.focus(); }
              }

              document.getElementById('matrix').addEventListener('click', function (e) {
                var button = e.target.closest('button.cell');
                if (button) openCell(button);
              });
              document.getElementById('panel-close').addEventListener('click', closePanel);
              document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !panel.hidden) closePanel(); });
              document.getElementById('filters').addEventListener('input', applyFilters);
              document.getElementById('filters').addEventListener('change', applyFilters);
              applyFilters();
              var linked = location.hash && document.querySelector('button.cell[data-detail="' + location.hash.slice(1).replace(/[^a-z0-9-]/gi, '') + '"]');
              if (linked) openCell(linked);
            })();
            """;
}
