package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.protocol.DotStuffing;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One POP3 response as read from the wire (RFC 1939 §3): the status line and, for multi-line responses,
 * the body lines as received (still byte-stuffed, without the terminating "."). Carries the verdict helpers
 * {@link #expectOk()} and {@link #expectErr()}.
 */
public final class Pop3Response {
    private final String step;
    private final WireLine status;
    private final List<WireLine> body;
    private final boolean terminated;

    Pop3Response(String step, WireLine status, List<WireLine> body, boolean terminated) {
        this.step = step;
        this.status = status;
        this.body = List.copyOf(body);
        this.terminated = terminated;
    }

    public String step() {
        return step;
    }

    public WireLine status() {
        return status;
    }

    /** The status line's text without its line end. */
    public String statusText() {
        return status.text();
    }

    /** Body lines of a multi-line response, as received (stuffed); empty for single-line responses. */
    public List<WireLine> body() {
        return body;
    }

    /** For multi-line responses: the "." line was seen. */
    public boolean terminated() {
        return terminated;
    }

    /** A complete status line starting with {@code +OK}. */
    public boolean isOk() {
        return isComplete() && status.text().startsWith("+OK");
    }

    /** A complete status line starting with {@code -ERR}. */
    public boolean isErr() {
        return isComplete() && status.text().startsWith("-ERR");
    }

    public boolean isComplete() {
        return status.ending() == WireLine.Ending.CRLF || status.ending() == WireLine.Ending.BARE_LF;
    }

    public boolean closed() {
        return status.ending() == WireLine.Ending.CLOSED;
    }

    /** The text after the status indicator. */
    public String text() {
        String s = status.text();
        int space = s.indexOf(' ');
        return space < 0 ? "" : s.substring(space + 1);
    }

    /**
     * The body with the byte-stuffing removed and every line ended by the terminator it had on the wire: the
     * message octets as the server holds them (RFC 1939 §3). The probe reads lines up to each LF, but a line of
     * the protocol starts only after CRLF, so only such a line loses a stuffing dot: a "." behind a bare LF is
     * content, left as it is.
     */
    public byte[] unstuffedBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (WireLine line : body) {
            byte[] content = line.content();
            int from = lineStart ? DotStuffing.stuffingOctets(content) : 0;
            out.write(content, from, content.length - from);
            if (line.ending() == WireLine.Ending.CRLF) out.writeBytes(new byte[] {'\r', '\n'});
            else if (line.ending() == WireLine.Ending.BARE_LF) out.write('\n');
            lineStart = line.ending() == WireLine.Ending.CRLF;
        }
        return out.toByteArray();
    }

    public String describe() {
        String shown = status.content().length > 0 || isComplete() ? status.visible() : "";
        if (!isComplete()) {
            String why = closed() ? "connection closed" : status.ending() == WireLine.Ending.TOO_LONG ? "line too long" : "no response within the read timeout";
            return shown.isBlank() ? why : shown + " (then " + why + ")";
        }
        if (!body.isEmpty()) shown += " + " + body.size() + " lines" + (terminated ? "" : " (no terminating '.')");
        return shown;
    }

    public Pop3Response expectOk() {
        if (!isOk()) throw new CheckFailure(step, "+OK", describe());
        return this;
    }

    public Pop3Response expectErr() {
        if (!isErr()) throw new CheckFailure(step, "-ERR", describe());
        return this;
    }

    /** Lines of the body, visible, for "actual" texts. */
    public String bodyVisible() {
        return body.stream().map(WireLine::visible).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return Transcript.visible(step) + " -> " + describe();
    }
}
