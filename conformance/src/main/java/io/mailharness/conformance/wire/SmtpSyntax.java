package io.mailharness.conformance.wire;

import java.util.regex.Pattern;

/** The RFC 5321 §4.1.2, §4.1.3 grammar pieces the checks judge server text by. */
public final class SmtpSyntax {
    private static final Pattern SUB_DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[[\\x21-\\x5A\\x5E-\\x7E]+]");
    private static final Pattern EHLO_KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern EHLO_PARAM = Pattern.compile("[\\x21-\\x7E]+");

    private SmtpSyntax() {}

    /** {@code Domain = sub-domain *("." sub-domain)}. */
    public static boolean isDomain(String text) {
        if (text.isEmpty() || text.length() > 255) return false;
        for (String label : text.split("\\.", -1)) {
            if (!SUB_DOMAIN.matcher(label).matches()) return false;
        }
        return true;
    }

    /** {@code address-literal = "[" ( IPv4 / IPv6 / General ) "]"}, judged loosely by its characters. */
    public static boolean isAddressLiteral(String text) {
        return ADDRESS_LITERAL.matcher(text).matches();
    }

    /** {@code ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}. */
    public static boolean isEhloKeyword(String text) {
        return EHLO_KEYWORD.matcher(text).matches();
    }

    /** {@code ehlo-param = 1*(%d33-126)}. */
    public static boolean isEhloParam(String text) {
        return EHLO_PARAM.matcher(text).matches();
    }

    /** The first space-separated token of a reply line's text (after {@code ddd-} or {@code ddd SP}). */
    public static String firstToken(WireLine line) {
        String text = line.text();
        String rest = text.length() > 4 ? text.substring(4) : "";
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
