package io.mailharness.client;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply as received: the reply code and the raw lines (RFC 5321 §4.2). Callers judge it;
 * the client does not decide what is a failure.
 */
public record SmtpReply(int code, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** The first digit: 2 positive completion, 3 intermediate, 4 transient, 5 permanent negative. */
    public int replyClass() {
        return code / 100;
    }

    public boolean isPositiveCompletion() {
        return replyClass() == 2;
    }

    public boolean isPositiveIntermediate() {
        return replyClass() == 3;
    }

    /** The enhanced status code (RFC 3463) at the start of the text, e.g. {@code 5.1.1}. */
    public Optional<String> enhancedStatusCode() {
        if (lines.isEmpty()) return Optional.empty();
        Matcher m = ENHANCED.matcher(lines.get(0));
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2) + "." + m.group(3)) : Optional.empty();
    }

    /** The reply text without codes, lines joined by a space. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!out.isEmpty()) out.append(' ');
            out.append(line.length() > 4 ? line.substring(4).strip() : "");
        }
        return out.toString();
    }

    /** The first line, e.g. {@code 550 5.1.1 <x@y>: Recipient address rejected}. */
    public String firstLine() {
        return lines.isEmpty() ? String.valueOf(code) : lines.get(0).strip();
    }

    @Override
    public String toString() {
        return firstLine();
    }
}
