package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape every SMTP reply must have (RFC 5321 §4.2, §4.2.1, §2.3.8): three digits, first 2–5 and
 * second 0–5; {@code ddd-} on all lines but the last and {@code ddd SP} (or bare {@code ddd}) on the last;
 * the same code on every line; every line ended by CRLF. Lines should stay within 512 octets (§4.5.3.1.5).
 */
public final class SmtpReplyFormat {
    /** Longest reply line, CRLF included (RFC 5321 §4.5.3.1.5). */
    public static final int MAX_LINE = 512;

    /** A rule broken by one reply; {@code mandatory} false for the 512-octet advice. */
    public record Problem(String rule, String line, boolean mandatory) {
        @Override
        public String toString() {
            return rule + ": " + line;
        }
    }

    private SmtpReplyFormat() {}

    /** The first line whose code is not the first line's (RFC 5321 §4.2.1), if any: such a reply means nothing. */
    public static Optional<Problem> mixedCodes(SmtpWireReply reply) {
        String firstCode = null;
        for (WireLine line : reply.lines()) {
            String text = line.text();
            if (!isReplyCode(text)) continue;
            if (firstCode == null) firstCode = text.substring(0, 3);
            else if (!firstCode.equals(text.substring(0, 3))) return Optional.of(sameCode(firstCode, line.visible()));
        }
        return Optional.empty();
    }

    private static Problem sameCode(String firstCode, String shown) {
        return new Problem("same reply code on every line (" + firstCode + ")", shown, true);
    }

    public static List<Problem> problems(SmtpWireReply reply) {
        List<Problem> problems = new ArrayList<>();
        List<WireLine> lines = reply.lines();
        if (!reply.isComplete()) {
            problems.add(new Problem("a complete reply", reply.describe(), true));
            return problems;
        }
        String firstCode = null;
        for (int i = 0; i < lines.size(); i++) {
            WireLine line = lines.get(i);
            String text = line.text();
            String shown = line.visible();
            boolean last = i == lines.size() - 1;
            if (line.ending() != WireLine.Ending.CRLF) problems.add(new Problem("line ends with CRLF", shown, true));
            if (line.hasBareCr()) problems.add(new Problem("no bare CR inside a line", shown, true));
            if (line.wireLength() > MAX_LINE) problems.add(new Problem("line within " + MAX_LINE + " octets incl. CRLF", shown, false));
            if (!isReplyCode(text)) {
                problems.add(new Problem("starts with a reply code: 3 digits, first 2-5, second 0-5", shown, true));
                continue;
            }
            String code = text.substring(0, 3);
            if (firstCode == null) firstCode = code;
            else if (!firstCode.equals(code)) problems.add(sameCode(firstCode, shown));
            char separator = text.length() > 3 ? text.charAt(3) : 0;
            if (!last && separator != '-') problems.add(new Problem("'" + code + "-' on every line but the last", shown, true));
            if (last && separator != ' ' && separator != 0) problems.add(new Problem("'" + code + " ' (or the bare code) on the last line", shown, true));
        }
        return problems;
    }

    static boolean isReplyCode(String text) {
        if (text.length() < 3) return false;
        char first = text.charAt(0);
        char second = text.charAt(1);
        char third = text.charAt(2);
        return first >= '2' && first <= '5' && second >= '0' && second <= '5' && third >= '0' && third <= '9';
    }

    /** Fails on a broken MUST; warns on a line over 512 octets. */
    public static void judge(SmtpWireReply reply, Verdicts verdicts) {
        for (Problem p : problems(reply)) {
            if (p.mandatory()) throw new CheckFailure(reply.step(), p.rule(), p.line());
            verdicts.warn(reply.step(), p.rule(), p.line()); // made visible where the problem was found
        }
    }
}
