package io.mailharness.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * APOP (RFC 1939 §7) for both engines: the timestamp a server offers in its greeting, and the digest of the APOP
 * command — the MD5 of that timestamp followed by the shared secret (as UTF-8), in lower-case hex.
 */
public final class Apop {
    /** The greeting's timestamp, a msg-id in angle brackets, e.g. {@code <1896.697170952@dbc.mtview.ca.us>}. */
    private static final Pattern TIMESTAMP = Pattern.compile("<[^<>\\s]+>");

    /** The negative reply an APOP step ends with, nothing sent, when the greeting has no timestamp. */
    public static final String NOT_OFFERED = "-ERR (no APOP timestamp in the greeting: the server does not offer APOP)";

    private Apop() {}

    /** The timestamp of a greeting's status line; empty when the server does not offer APOP. */
    public static Optional<String> timestamp(String greeting) {
        Matcher m = TIMESTAMP.matcher(greeting);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The APOP digest of a greeting's timestamp and the shared secret. */
    public static String digest(String timestamp, String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((timestamp + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from this JDK", e);
        }
    }
}
