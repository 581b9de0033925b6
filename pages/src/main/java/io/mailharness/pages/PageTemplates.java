package io.mailharness.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the pages' templates ({@code src/main/jte}), which the build has already compiled to classes:
 * no template is parsed at run time. Every {@code ${}} in them is HTML-escaped for where it stands
 * (element text, attribute value).
 */
final class PageTemplates {
    /** Where the build puts the compiled templates (the jte plugin's packageName in pom.xml). */
    private static final String PACKAGE = "io.mailharness.pages.templates";
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);

    private PageTemplates() {}

    /** Renders a template that takes one parameter, e.g. {@code render("matrix.jte", model)}. */
    static String render(String template, Object parameter) {
        StringOutput out = new StringOutput(64 * 1024);
        ENGINE.render(template, parameter, out);
        return out.toString();
    }
}
