package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One SMTP reply as read from the wire (RFC 5321 §4.2), with the command it answers, and the verdict
 * helpers every check speaks: {@link #expectCode}, {@link #expectClass}, {@link #expectCodeElseWarn}.
 * A reply may be incomplete: the server closed the connection, or the read timeout passed.
 */
public final class SmtpWireReply {
    private final String step;
    private final List<WireLine> lines;
    private final Verdicts verdicts;

    SmtpWireReply(String step, List<WireLine> lines, Verdicts verdicts) {
        this.step = step;
        this.lines = List.copyOf(lines);
        this.verdicts = verdicts;
    }

    /** What was sent (visible), or "greeting". */
    public String step() {
        return step;
    }

    public List<WireLine> lines() {
        return lines;
    }

    /** The reply code from the first line, or -1 when the first line does not start with three digits. */
    public int code() {
        if (lines.isEmpty()) return -1;
        String first = lines.get(0).text();
        if (first.length() < 3) return -1;
        for (int i = 0; i < 3; i++) if (first.charAt(i) < '0' || first.charAt(i) > '9') return -1;
        return Integer.parseInt(first.substring(0, 3));
    }

    /** The first digit of the code, or -1. */
    public int replyClass() {
        int code = code();
        return code < 0 ? -1 : code / 100;
    }

    /** True when the last line ended with a line end (CRLF or bare LF). */
    public boolean isComplete() {
        if (lines.isEmpty()) return false;
        WireLine.Ending last = lines.get(lines.size() - 1).ending();
        return last == WireLine.Ending.CRLF || last == WireLine.Ending.BARE_LF;
    }

    /** The server closed the connection before the reply was complete. */
    public boolean closed() {
        return !lines.isEmpty() && lines.get(lines.size() - 1).ending() == WireLine.Ending.CLOSED;
    }

    /** The read timeout passed before the reply was complete. */
    public boolean timedOut() {
        return !lines.isEmpty() && lines.get(lines.size() - 1).ending() == WireLine.Ending.TIMEOUT;
    }

    /** The text of all lines after the code and separator, joined by a space. */
    public String text() {
        return lines.stream().map(WireLine::text).map(l -> l.length() > 4 ? l.substring(4) : "").collect(Collectors.joining(" "));
    }

    /** The reply as the summary shows it: lines with CR/LF visible, or what cut it short. */
    public String describe() {
        if (lines.isEmpty()) return "nothing";
        WireLine last = lines.get(lines.size() - 1);
        boolean cut = !isComplete();
        String shown = lines.stream().filter(l -> l.content().length > 0 || l.ending() == WireLine.Ending.CRLF || l.ending() == WireLine.Ending.BARE_LF)
                .map(WireLine::visible).collect(Collectors.joining(" "));
        if (!cut) return shown;
        String why = last.ending() == WireLine.Ending.CLOSED ? "connection closed" : last.ending() == WireLine.Ending.TIMEOUT ? "no reply within the read timeout" : "line too long";
        return shown.isBlank() ? why : shown + " (then " + why + ")";
    }

    /** Passes when the code is one of {@code codes}; otherwise the check fails. */
    public SmtpWireReply expectCode(int... codes) {
        if (!isComplete() || Arrays.stream(codes).noneMatch(c -> c == code())) {
            blockedByTlsRequired(codes);
            throw new CheckFailure(step, "reply code " + codeList(codes), describe());
        }
        return this;
    }

    /**
     * A 530 nobody asked for: the listener wants STARTTLS or AUTH before this command (RFC 3207 §4, RFC 4954 §6).
     * Whether it may is SMTP-TLS-REQUIRED's business; the check itself cannot go on in clear, so it is blocked. The
     * expect methods call it; a check that judges a reply code by itself calls it first.
     */
    public void blockedByTlsRequired(int... expected) {
        if (isComplete() && code() == 530 && Arrays.stream(expected).noneMatch(c -> c == 530)) {
            throw Blocked.by(new CheckFailure(step, "reply code " + codeList(expected)
                    + " (set smtp.security = starttls and smtp.auth for a listener that wants them)", describe()));
        }
    }

    /** Passes when the first digit of the code is {@code replyClass}; otherwise the check fails. */
    public SmtpWireReply expectClass(int replyClass) {
        if (!isComplete() || replyClass() != replyClass) {
            if (replyClass != 5) blockedByTlsRequired();
            throw new CheckFailure(step, "a " + replyClass + "yz reply", describe());
        }
        return this;
    }

    /**
     * Passes on one of {@code preferred}; any other code of class {@code warnClass} is recorded as a warning
     * (allowed but off the list); anything else fails the check.
     */
    public SmtpWireReply expectCodeElseWarn(int warnClass, int... preferred) {
        if (isComplete() && Arrays.stream(preferred).anyMatch(c -> c == code())) return this;
        blockedByTlsRequired(preferred); // a 530 refuses the session in clear, not what this command asked
        if (isComplete() && replyClass() == warnClass) {
            verdicts.warn(step, "reply code " + codeList(preferred), describe());
            return this;
        }
        throw new CheckFailure(step, "reply code " + codeList(preferred) + " (any " + warnClass + "yz tolerated)", describe());
    }

    /** Fails when the code is one of {@code codes} (or no complete reply came). */
    public SmtpWireReply expectNotCode(int... codes) {
        if (!isComplete() || Arrays.stream(codes).anyMatch(c -> c == code())) {
            throw new CheckFailure(step, "a complete reply other than " + codeList(codes), describe());
        }
        return this;
    }

    /** Fails unless the reply is a single line. */
    public SmtpWireReply expectSingleLine() {
        if (lines.size() != 1) throw new CheckFailure(step, "a single-line reply", lines.size() + " lines: " + describe());
        return this;
    }

    static String codeList(int... codes) {
        return Arrays.stream(codes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return Transcript.visible(step) + " -> " + describe();
    }
}
