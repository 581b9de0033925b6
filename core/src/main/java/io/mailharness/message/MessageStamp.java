package io.mailharness.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The harness stamp: the first header field of every load message,
 * {@code X-Mailharness-Id: <id>; t=<send time, epoch ms>; n=<recipients>; sha256=<hex>}.
 * The digest covers every octet after the stamp line (the rest of our header section and the body),
 * which a server must deliver unchanged; trace fields a server adds go above the stamp and are not
 * covered. A receiver therefore checks integrity from the message alone, even one sent by another injector.
 */
public record MessageStamp(String id, long sentAtMillis, int recipients, String digest) {
    private static final byte[] FIELD = (TestMessage.ID_HEADER + ":").getBytes(StandardCharsets.US_ASCII);

    public MessageStamp {
        if (id.isEmpty() || id.chars().anyMatch(c -> c <= ' ' || c == ';' || c > '~')) {
            throw new IllegalArgumentException("a harness id is printable ASCII without spaces or ';': '" + id + "'");
        }
    }

    /** The header line, with CRLF. */
    public String headerLine() {
        return TestMessage.ID_HEADER + ": " + id + "; t=" + sentAtMillis + "; n=" + recipients + "; sha256=" + digest + "\r\n";
    }

    /** Puts the stamp in front of {@code rest} (our header fields, blank line and body, CRLF line ends). */
    public static TestMessage stamp(String id, long sentAtMillis, int recipients, byte[] rest) {
        MessageStamp stamp = new MessageStamp(id, sentAtMillis, recipients, sha256(rest));
        byte[] line = stamp.headerLine().getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[line.length + rest.length];
        System.arraycopy(line, 0, content, 0, line.length);
        System.arraycopy(rest, 0, content, line.length, rest.length);
        return new TestMessage(id, content);
    }

    /**
     * What a receiver makes of a retrieved message: its stamp and whether the octets after the stamp
     * still have the digest, and the stamp is the line written (a refolded or edited stamp is damage too). A
     * message without a stamp is not a harness message (empty result). A stamp without a digest (messages from
     * {@link MessageBuilder}) is read as intact.
     */
    public static Optional<Inspection> inspect(byte[] retrieved) {
        Optional<Fields> found = stampFields(retrieved);
        if (found.isEmpty() || found.get().id().isEmpty()) return Optional.empty();
        Fields f = found.get();
        return Optional.of(judged(f, sha256(java.util.Arrays.copyOfRange(retrieved, f.restStart(), retrieved.length))));
    }

    /**
     * {@link #inspect(byte[])} for a receiver that digested the octets after the stamp itself as they streamed in:
     * {@code stampField} is the stamp field as retrieved (continuation lines included), {@code actualDigest} the
     * digest of what followed it.
     */
    public static Optional<Inspection> inspect(byte[] stampField, String actualDigest) {
        return stampFields(stampField).filter(f -> !f.id().isEmpty()).map(f -> judged(f, actualDigest));
    }

    /** Intact: the digest matches what followed the stamp, and the stamp is the line written. A mangled number does not hide the message. */
    private static Inspection judged(Fields f, String actualDigest) {
        boolean intact = (f.digest().isEmpty() || f.digest().equals(actualDigest)) && f.asWritten();
        return new Inspection(f.id(), f.sentAtMillis(), f.recipients(), f.digest(), actualDigest, intact);
    }

    /**
     * The stamp of a message as it stands, without checking the digest (no hashing, no copy): for the
     * sender, which knows its octets are the ones stamped. Empty for a message without a well-formed stamp.
     */
    public static Optional<MessageStamp> read(byte[] message) {
        Optional<Fields> found = stampFields(message);
        if (found.isEmpty() || !found.get().wellFormed()) return Optional.empty();
        Fields f = found.get();
        try {
            return Optional.of(new MessageStamp(f.id(), f.sentAtMillis(), f.recipients(), f.digest()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The stamp field's values, unfolded (RFC 5322 §2.2.3: a server may fold a long field), where the octets its
     * digest covers start, and whether the field is octet for octet the one line the harness wrote (a refolded or
     * edited stamp changed the message, though not the octets the digest covers; a stamp without a digest, not a
     * load message, is not judged).
     */
    private record Fields(String id, long sentAtMillis, int recipients, String digest, boolean wellFormed, int restStart, boolean asWritten) {}

    private static Optional<Fields> stampFields(byte[] message) {
        int at = findStampLine(message);
        if (at < 0) return Optional.empty();
        int eol = indexOfCrlf(message, at);
        if (eol < 0) return Optional.empty();
        StringBuilder unfolded = new StringBuilder(new String(message, at + FIELD.length, eol - at - FIELD.length, StandardCharsets.ISO_8859_1));
        boolean folded = false;
        while (eol + 2 < message.length && (message[eol + 2] == ' ' || message[eol + 2] == '\t')) { // a continuation line
            int next = indexOfCrlf(message, eol + 2);
            if (next < 0) break;
            unfolded.append(new String(message, eol + 2, next - eol - 2, StandardCharsets.ISO_8859_1));
            eol = next;
            folded = true;
        }
        String value = unfolded.toString().strip();
        String[] parts = value.split(";");
        long sentAt = -1;
        int recipients = 1;
        String digest = "";
        boolean wellFormed = true;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq < 0) continue;
            String v = p.substring(eq + 1);
            try {
                switch (p.substring(0, eq).toLowerCase(Locale.ROOT)) {
                    case "t" -> sentAt = Long.parseLong(v);
                    case "n" -> recipients = Integer.parseInt(v);
                    case "sha256" -> digest = v.toLowerCase(Locale.ROOT);
                    default -> { /* a later format's field: ignored */ }
                }
            } catch (NumberFormatException e) {
                wellFormed = false;
            }
        }
        String id = parts[0].strip();
        boolean asWritten = digest.isEmpty() || !folded && wellFormed && !id.isEmpty() && lineAsWritten(message, at, eol + 2, id, sentAt, recipients, digest);
        return Optional.of(new Fields(id, sentAt, recipients, digest, wellFormed, eol + 2, asWritten));
    }

    private static boolean lineAsWritten(byte[] message, int from, int to, String id, long sentAt, int recipients, String digest) {
        try {
            byte[] written = new MessageStamp(id, sentAt, recipients, digest).headerLine().getBytes(StandardCharsets.US_ASCII);
            return java.util.Arrays.equals(message, from, to, written, 0, written.length);
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    /**
     * @param digest       the digest the stamp carries (empty if none)
     * @param actualDigest the digest of what was retrieved after the stamp
     */
    public record Inspection(String id, long sentAtMillis, int recipients, String digest, String actualDigest, boolean intact) {}

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) SHA256.clone()).digest(content));
        } catch (CloneNotSupportedException e) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException missing) {
                throw new IllegalStateException("SHA-256 missing from this JDK", missing);
            }
        }
    }

    /** A fresh digest to clone: cheaper than a provider look-up per message. Never updated itself. */
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    /** Where the stamp line starts in a message (after any trace fields a server put above it), or -1 without one. */
    public static int stampLineStart(byte[] message) {
        return findStampLine(message);
    }

    /** Start of the stamp field within the header section (case-insensitive field name), or -1. */
    private static int findStampLine(byte[] m) {
        int lineStart = 0;
        while (lineStart < m.length) {
            if (startsWithIgnoreCase(m, lineStart, FIELD)) return lineStart;
            int eol = indexOfCrlf(m, lineStart);
            if (eol < 0 || eol == lineStart) return -1; // end of the header section
            lineStart = eol + 2;
        }
        return -1;
    }

    private static boolean startsWithIgnoreCase(byte[] m, int at, byte[] prefix) {
        if (at + prefix.length > m.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(m[at + i]) != Character.toLowerCase(prefix[i])) return false;
        }
        return true;
    }

    private static int indexOfCrlf(byte[] m, int from) {
        for (int i = from; i + 1 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') return i;
        }
        return -1;
    }
}
