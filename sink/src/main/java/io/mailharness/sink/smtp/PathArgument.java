package io.mailharness.sink.smtp;

import java.util.List;

/**
 * The argument of MAIL or RCPT (RFC 5321 §4.1.1.2, §4.1.1.3): {@code FROM:<reverse-path>} or
 * {@code TO:<forward-path>}, then parameters separated by spaces. Spaces after the colon are tolerated, as most
 * servers do; a path with a control character, a space or an unbalanced bracket is a syntax error.
 *
 * @param path       the address between the angle brackets ("" for the null reverse-path)
 * @param parameters the ESMTP parameters as given, e.g. {@code SIZE=1024}
 */
record PathArgument(String path, List<String> parameters) {

    /** Parses the argument after the verb; null when it is not {@code keyword<path>[ params]}. */
    static PathArgument parse(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) return null;
        int open = keyword.length();
        while (open < argument.length() && argument.charAt(open) == ' ') open++;
        if (open >= argument.length() || argument.charAt(open) != '<') return null;
        int close = argument.indexOf('>', open);
        if (close < 0) return null;
        String path = argument.substring(open + 1, close);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 127 || c == '<') return null;
        }
        String rest = argument.substring(close + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') return null;
        String trimmed = rest.strip();
        return new PathArgument(path, trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" +")));
    }
}
