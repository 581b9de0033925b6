package io.mailharness.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials this process was given, with the forms a server can echo them in (the password, and the SASL
 * PLAIN and LOGIN strings made of it, base64 as sent): {@link Transcript} masks them in server text, so a server that
 * answers "bad password mh-pass-1" or quotes the AUTH line back cannot put them in a transcript, a KO, a console
 * line or a report. The client's own lines are masked by {@link CredentialMask} before that.
 */
public final class EchoedSecrets {
    /** Shorter secrets would mask ordinary words in replies ("test" in a host name); such passwords are test fixtures. */
    static final int SHORTEST = 6;
    /** Secrets by their first {@link #SHORTEST} characters, longest first: one pass over a text, whatever their number. */
    private static final Map<String, List<String>> BY_PREFIX = new ConcurrentHashMap<>();

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

    /** The text with every remembered secret replaced by ****, the longest where two start at the same place. */
    static String masked(String text) {
        if (BY_PREFIX.isEmpty() || text.length() < SHORTEST) return text;
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i + SHORTEST <= text.length()) {
            String hit = secretAt(text, i);
            if (hit == null) {
                i++;
                continue;
            }
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, copied, i).append(CredentialMask.MASK);
            i += hit.length();
            copied = i;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static String secretAt(String text, int at) {
        List<String> candidates = BY_PREFIX.get(text.substring(at, at + SHORTEST));
        if (candidates == null) return null;
        for (String secret : candidates) {
            if (text.startsWith(secret, at)) return secret;
        }
        return null;
    }

    private static void add(String secret) {
        if (secret.length() < SHORTEST) return;
        BY_PREFIX.compute(secret.substring(0, SHORTEST), (prefix, known) -> {
            List<String> secrets = known == null ? new ArrayList<>() : new ArrayList<>(known);
            if (!secrets.contains(secret)) secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
            return List.copyOf(secrets);
        });
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
