package io.mailharness.faultserver;

import io.mailharness.protocol.SaslResponses;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Checks logins for SMTP AUTH and POP3 (USER/PASS, APOP, AUTH PLAIN). Never logs what it sees. */
public final class Credentials {

    private Credentials() {
    }

    /** Finds the account for a login name ({@code user} or {@code user@localDomain}) and password. */
    public static Optional<LocalAccount> check(ServerConfig config, String login, String password) {
        return account(config, login).filter(a -> a.password().equals(password));
    }

    public static Optional<LocalAccount> account(ServerConfig config, String login) {
        String user = login;
        int at = login.lastIndexOf('@');
        if (at > 0 && config.isLocalDomain(login.substring(at + 1))) {
            user = login.substring(0, at);
        }
        return config.account(user);
    }

    /** Decodes a SASL PLAIN message (RFC 4616): {@code [authzid] NUL authcid NUL passwd}. */
    public static Optional<String[]> decodePlain(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] parts = new String(raw, StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {parts[1], parts[2]});
    }

    public static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** CRAM-MD5 digest (RFC 2195): HMAC-MD5 keyed by the password, lower-case hex. */
    public static String hmacMd5Hex(String password, String challenge) {
        return SaslResponses.cramMd5Digest(password, challenge);
    }

    /** APOP digest (RFC 1939 §7): MD5 of timestamp followed by the shared secret, lower-case hex. */
    public static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
