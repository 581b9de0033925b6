package io.mailharness.gatling.check;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a KO message with what varies from one occurrence to the next masked — timestamps and
 * dates, queue and session ids, addresses, IP addresses, counts — so that KOs of one kind group into one
 * entry (Dovecot's {@code -ERR [SYS/TEMP] … [2026-12-05 10:48:02]} is one error, not one per second).
 * Reply codes and enhanced status codes are kept out of the masked text by the caller.
 */
public final class ErrorPattern {
    private record Rule(Pattern pattern, String mask) {}

    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final List<Rule> RULES = List.of(
            // 2026-12-05 10:48:02, 2026-12-05T10:48:02.123Z
            new Rule(Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"), "<time>"),
            // Thu, 05 Dec 2026 10:48:02 +0000 (RFC 5322 dates)
            new Rule(Pattern.compile("(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\\d{1,2} " + MONTH + " \\d{4}(?: \\d{2}:\\d{2}(?::\\d{2})?(?: [+-]\\d{4})?)?"), "<time>"),
            new Rule(Pattern.compile("\\b\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\b"), "<time>"),
            // <user@domain>, and bare addresses
            new Rule(Pattern.compile("<[^<>\\s]*@[^<>\\s]*>"), "<address>"),
            new Rule(Pattern.compile("\\b[\\w.+-]+@[\\w.-]+\\b"), "<address>"),
            new Rule(Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b"), "<ip>"),
            // queue ids, session ids, hashes: letters and digits mixed, 8 or more
            new Rule(Pattern.compile("\\b(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}\\b"), "<id>"),
            new Rule(Pattern.compile("\\b\\d+\\b"), "<n>"));

    private ErrorPattern() {}

    /** The text with its variable parts masked. */
    public static String mask(String text) {
        String out = text;
        for (Rule rule : RULES) out = rule.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(rule.mask()));
        return out;
    }
}
