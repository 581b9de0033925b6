package io.mailharness.client;

import java.util.Locale;

/**
 * Masks secrets in client lines before they reach a transcript or log: POP3 PASS and APOP arguments,
 * SASL initial responses, and every client line of a SASL exchange (RFC 4954 §4, RFC 5034 §4).
 * One instance per connection, because it tracks whether a SASL exchange is under way.
 */
public final class CredentialMask {
    static final String MASK = "****";
    private boolean inSaslExchange;

    /** Returns the line as it may be recorded. */
    public String clientLine(String line) {
        String trimmed = stripLineEnd(line);
        String ending = line.substring(trimmed.length());
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (inSaslExchange) return MASK + ending;
        if (upper.startsWith("PASS ")) return trimmed.substring(0, 5) + MASK + ending;
        if (upper.startsWith("APOP ")) {
            int lastSpace = trimmed.lastIndexOf(' ');
            return (lastSpace > 4 ? trimmed.substring(0, lastSpace + 1) : "APOP ") + MASK + ending;
        }
        if (upper.startsWith("AUTH ")) {
            inSaslExchange = true;
            String[] parts = trimmed.split(" ", 3);
            return parts.length > 2 ? parts[0] + " " + parts[1] + " " + MASK + ending : trimmed + ending;
        }
        return line;
    }

    /** Server lines end a SASL exchange unless they are a continuation (SMTP 334, POP3 "+ "). */
    public void serverLine(String line) {
        if (!inSaslExchange) return;
        if (!(line.startsWith("334") || line.startsWith("+ ") || line.equals("+") || line.startsWith("+\r"))) {
            inSaslExchange = false;
        }
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) end--;
        return line.substring(0, end);
    }
}
