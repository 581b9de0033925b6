package io.mailharness.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials this process was given, with the forms a server can echo them in (the password, and the SASL
 * PLAIN and LOGIN strings made of it, base64 as sent): {@link Transcript#visible} masks them in server text, so a
 * server that answers "bad password mh-pass-1" or quotes the AUTH line back cannot put them in a transcript, a KO,
 * a console line or a report. The client's own lines are masked by {@link CredentialMask} before that.
 */
public final class EchoedSecrets {
    /** Shorter secrets would mask ordinary words in replies; such passwords are weak enough to be test fixtures. */
    static final int SHORTEST = 4;
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private EchoedSecrets() {}

    /** Remembers a login and its password, in every form the harness sends them. */
    public static void remember(String user, String password) {
        if (password == null || password.length() < SHORTEST) return;
        add(password);
        add(new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)); // as octets on the wire
        add(base64(password)); // AUTH LOGIN's second answer
        if (user != null) {
            add(base64("\0" + user + "\0" + password)); // AUTH PLAIN (RFC 4616), without and with the authorization id
            add(base64(user + "\0" + user + "\0" + password));
        }
    }

    /** The text with every remembered secret replaced by ****. */
    static String masked(String text) {
        if (KNOWN.isEmpty() || text.isEmpty()) return text;
        String out = text;
        for (String secret : KNOWN) {
            if (out.contains(secret)) out = out.replace(secret, CredentialMask.MASK);
        }
        return out;
    }

    private static void add(String secret) {
        if (secret.length() >= SHORTEST) KNOWN.add(secret);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
