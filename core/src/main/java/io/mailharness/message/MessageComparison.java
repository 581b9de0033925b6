package io.mailharness.message;

import io.mailharness.client.Transcript;
import io.mailharness.record.DeliveryClass;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Explains how a retrieved harness message differs from the one sent: which {@link DeliveryClass} it
 * falls into, where (the first header field changed, the first body octet that differs) and a short diff.
 * Only the octets from the harness stamp on count: trace fields a server puts above it are its right.
 *
 * @param deliveryClass what kind of difference
 * @param detail        one line: which field, which octet
 */
public record MessageComparison(DeliveryClass deliveryClass, String detail) {
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};
    private static final int DIFF_LINES = 12;

    /** Compares what was sent (beginning with the stamp) with what was retrieved. */
    public static MessageComparison compare(byte[] sent, byte[] retrieved) {
        byte[] ours = fromStamp(retrieved);
        if (Arrays.equals(sent, ours)) return new MessageComparison(DeliveryClass.INTACT, "as sent");
        int kept = prefixLength(sent, ours);
        if (kept >= 0) return new MessageComparison(DeliveryClass.TRUNCATED, "cut after " + kept + " of " + sent.length + " octets");
        int sentSplit = indexOf(sent, BLANK_LINE, 0);
        int ourSplit = indexOf(ours, BLANK_LINE, 0);
        if (sentSplit >= 0 && ourSplit < 0) { // not a cut body: the whole message is there, its header runs on into it
            return new MessageComparison(DeliveryClass.HEADERS_REWRITTEN, "the empty line that ends the header is gone");
        }
        byte[] sentBody = sentSplit < 0 ? new byte[0] : Arrays.copyOfRange(sent, sentSplit + 4, sent.length);
        byte[] ourBody = ourSplit < 0 ? new byte[0] : Arrays.copyOfRange(ours, ourSplit + 4, ours.length);
        if (!Arrays.equals(sentBody, ourBody)) {
            int keptBody = prefixLength(sentBody, ourBody);
            if (keptBody >= 0) return new MessageComparison(DeliveryClass.TRUNCATED, "body cut after " + keptBody + " of " + sentBody.length + " octets");
            int at = Arrays.mismatch(sentBody, ourBody);
            String what = at >= sentBody.length ? (ourBody.length - sentBody.length) + " octets added after the end"
                    : at >= ourBody.length ? (sentBody.length - ourBody.length) + " octets missing at the end"
                    : "sent " + octet(sentBody[at]) + ", retrieved " + octet(ourBody[at]);
            return new MessageComparison(DeliveryClass.BODY_ALTERED, "first difference at body octet " + at + ": " + what);
        }
        List<String> sentFields = fields(sentSplit < 0 ? sent : Arrays.copyOf(sent, sentSplit + 2));
        List<String> ourFields = fields(ourSplit < 0 ? ours : Arrays.copyOf(ours, ourSplit + 2));
        for (String field : sentFields) {
            if (!ourFields.contains(field)) return new MessageComparison(DeliveryClass.HEADERS_REWRITTEN, name(field) + ": changed or missing");
        }
        List<String> ordered = ourFields.stream().filter(sentFields::contains).toList();
        if (!ordered.equals(sentFields)) return new MessageComparison(DeliveryClass.HEADERS_REWRITTEN, "our header fields reordered");
        List<String> added = ourFields.stream().filter(f -> !sentFields.contains(f)).map(MessageComparison::name).toList();
        return new MessageComparison(DeliveryClass.ANNOTATED, "header fields added: " + String.join(", ", added));
    }

    /**
     * A short diff: the lines around the first difference, as sent ({@code -}) and as retrieved ({@code +}),
     * control characters made visible. Lines both share at the start and the end are left out.
     */
    public static String diff(byte[] sent, byte[] retrieved) {
        List<String> a = lines(sent);
        List<String> b = lines(fromStamp(retrieved));
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) start++;
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        StringBuilder out = new StringBuilder();
        out.append("@@ line ").append(start + 1).append(" @@\n");
        for (int i = Math.max(0, start - 2); i < start; i++) out.append("  ").append(Transcript.visible(a.get(i))).append('\n');
        appendLines(out, "- ", a, start, endA);
        appendLines(out, "+ ", b, start, endB);
        return out.toString();
    }

    private static void appendLines(StringBuilder out, String mark, List<String> lines, int from, int to) {
        for (int i = from; i < Math.min(to, from + DIFF_LINES); i++) out.append(mark).append(Transcript.visible(lines.get(i))).append('\n');
        if (to - from > DIFF_LINES) out.append(mark).append("… ").append(to - from - DIFF_LINES).append(" more lines\n");
    }

    /**
     * How much of {@code sent} {@code part} is, when it is a shorter beginning of it, or -1. A final CRLF
     * after the cut does not count: a POP3 server must end the content of RETR with one (RFC 1939 §3).
     */
    private static int prefixLength(byte[] sent, byte[] part) {
        int n = part.length;
        if (n < sent.length && Arrays.equals(sent, 0, n, part, 0, n)) return n;
        boolean endsWithCrlf = n >= 2 && part[n - 2] == '\r' && part[n - 1] == '\n';
        if (endsWithCrlf && n - 2 < sent.length && Arrays.equals(sent, 0, n - 2, part, 0, n - 2)
                && !(sent[n - 2] == '\r' && n - 1 < sent.length && sent[n - 1] == '\n')) {
            return n - 2;
        }
        return -1;
    }

    /** The retrieved octets from the stamp line on (all of them when the stamp is not found). */
    private static byte[] fromStamp(byte[] retrieved) {
        int at = MessageStamp.stampLineStart(retrieved);
        return at <= 0 ? retrieved : Arrays.copyOfRange(retrieved, at, retrieved.length);
    }

    /** Header fields, each with its continuation lines, as octets (ISO-8859-1 text, line ends kept). */
    private static List<String> fields(byte[] header) {
        List<String> out = new ArrayList<>();
        StringBuilder field = null;
        for (String line : lines(header)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && field != null) {
                field.append("\r\n").append(line);
            } else {
                if (field != null) out.add(field.toString());
                field = new StringBuilder(line);
            }
        }
        if (field != null) out.add(field.toString());
        return out;
    }

    private static String name(String field) {
        int colon = field.indexOf(':');
        return Transcript.visible(colon < 0 ? field : field.substring(0, colon));
    }

    private static List<String> lines(byte[] octets) {
        String text = new String(octets, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        if (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
        return out;
    }

    private static String octet(byte b) {
        int v = b & 0xff;
        return v >= 0x20 && v < 0x7f ? "'" + (char) v + "'" : String.format("0x%02x", v);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
