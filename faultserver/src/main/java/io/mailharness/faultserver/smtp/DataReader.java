package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.net.Line;
import io.mailharness.protocol.DotStuffing;
import io.mailharness.faultserver.net.LineReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.LongFunction;

/**
 * Reads message data after 354 up to end-of-data, the line {@code .} between two CRLFs
 * (RFC 5321 §4.1.1.4), and removes dot-stuffing (§4.5.2). A bare CR or LF never ends a line,
 * so {@code LF.LF} and friends cannot end the data (SMTP smuggling); they are flagged instead.
 */
final class DataReader {

    enum Outcome { COMPLETE, PEER_CLOSED, DROPPED, STALLED }

    /**
     * @param content       the un-stuffed octets, each line ending CRLF (empty when too big)
     * @param tooBig        the data went over the size limit; it was read to the end and dropped
     * @param bareLineEnds  some line held a bare CR or LF
     */
    record Result(Outcome outcome, byte[] content, boolean tooBig, boolean bareLineEnds) {
    }

    private DataReader() {
    }

    static Result read(LineReader reader, long sizeLimit, DataRules rules, LongFunction<BodyAction> progress)
            throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int keep = (int) Math.min(sizeLimit + 1, Integer.MAX_VALUE - 16);
        long received = 0;
        boolean tooBig = false;
        boolean bare = false;
        while (true) {
            Line line = reader.readLine(keep);
            if (line == null || !line.terminated()) {
                return new Result(Outcome.PEER_CLOSED, new byte[0], tooBig, bare);
            }
            received += line.wireLength();
            BodyAction action = progress.apply(received);
            if (action == BodyAction.DROP) {
                return new Result(Outcome.DROPPED, new byte[0], tooBig, bare);
            }
            if (action == BodyAction.STALL) {
                return new Result(Outcome.STALLED, new byte[0], tooBig, bare);
            }
            if (line.isExactly(".")) {
                return new Result(Outcome.COMPLETE, tooBig ? new byte[0] : content.toByteArray(), tooBig, bare);
            }
            byte[] octets = line.content();
            if (rules.bareLfEndsData() && line.bareLf()) {
                int end = lfDotLf(octets);
                if (end >= 0) {
                    // The faulty reading: data ends here, the rest of the line is read as commands.
                    byte[] rest = java.util.Arrays.copyOfRange(octets, Math.min(end + 2, octets.length), octets.length);
                    if (end + 2 <= octets.length) {
                        reader.unread(concat(rest, new byte[] {'\r', '\n'}));
                    }
                    if (!tooBig && end > 0) {
                        content.write(octets, 0, end - 1);
                        content.write('\r');
                        content.write('\n');
                    }
                    return new Result(Outcome.COMPLETE, tooBig ? new byte[0] : content.toByteArray(), tooBig, false);
                }
            }
            bare |= line.hasBareLineEnd() && rules.rejectBareLineEnds();
            if (tooBig) {
                continue;
            }
            int from = rules.dotUnstuffing() ? DotStuffing.stuffingOctets(octets) : 0;
            if (line.overflow() || content.size() + (octets.length - from) + 2 > sizeLimit) {
                tooBig = true;
                content = new ByteArrayOutputStream(); // keep reading to end-of-data, store nothing
                continue;
            }
            content.write(octets, from, octets.length - from);
            content.write('\r');
            content.write('\n');
        }
    }

    /**
     * Index of a "." that starts a line (content start or after LF) and ends one (LF follows, or the
     * line's CRLF does); -1 if none. Only the faulty {@code bareLfEndsData} reading uses it.
     */
    private static int lfDotLf(byte[] octets) {
        for (int i = 0; i < octets.length; i++) {
            boolean starts = i == 0 || octets[i - 1] == '\n';
            boolean ends = i + 1 == octets.length || octets[i + 1] == '\n';
            if (octets[i] == '.' && starts && ends && (i > 0 || i + 1 < octets.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
