package io.mailharness.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pages' style sheets and scripts, kept as files beside the templates' classes and inlined into each
 * page when it is rendered, so a page is one file that opens from disk with no network.
 */
public final class PageAssets {
    /** What every page shares: system fonts, compact tables, the outcome colours. */
    public static final String BASE_CSS = read("page.css");
    public static final String MATRIX_CSS = read("matrix.css");
    public static final String MATRIX_JS = read("matrix.js");
    public static final String LOAD_COMPARISON_CSS = read("load-comparison.css");
    public static final String LOAD_COMPARISON_JS = read("load-comparison.js");

    private PageAssets() {}

    private static String read(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the pages' resource " + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
