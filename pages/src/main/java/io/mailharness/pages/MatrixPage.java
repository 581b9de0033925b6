package io.mailharness.pages;

/**
 * The conformance matrix as one self-contained HTML page ({@code conformance-matrix.html}), from the
 * {@code matrix.jte} template: checks as rows grouped by RFC section, servers as columns with their version
 * and totals, a colour-coded and labelled cell per check and server. Clicking a cell opens a side panel with
 * the check's requirement, expected, actual and transcript. Filters by level, tag, "servers differ" and free
 * text. Its style sheet and script are inlined: the page opens from a file with no network.
 */
public final class MatrixPage {
    public static final String FILE_NAME = "conformance-matrix.html";

    private MatrixPage() {}

    public static String render(MatrixModel model) {
        return PageTemplates.render("matrix.jte", model);
    }
}
