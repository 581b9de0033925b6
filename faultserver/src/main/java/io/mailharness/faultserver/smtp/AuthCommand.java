package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Credentials;
import io.mailharness.faultserver.LocalAccount;
import io.mailharness.faultserver.net.Line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * AUTH PLAIN | LOGIN | CRAM-MD5 (RFC 4954). Offered only over TLS unless the profile says
 * otherwise (§4: no plaintext mechanisms without encryption). Credentials are never logged.
 */
final class AuthCommand implements SmtpCommand {

    /** RFC 4954 §4: AUTH lines may be up to 12288 octets. */
    private static final int AUTH_LINE_LIMIT = 12288;

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        SmtpState state = session.state();
        if (!state.esmtp()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(503, "5.5.1 Send EHLO first"));
            return;
        }
        if (state.authenticated()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(503, "5.5.1 Already authenticated"));
            return;
        }
        if (state.transaction() != null) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(503, "5.5.1 AUTH not allowed during a mail transaction"));
            return;
        }
        String[] words = argument.split(" ", 2);
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        String initial = words.length > 1 ? words[1] : null;
        if (mechanism.isEmpty()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.4 AUTH needs a mechanism"));
            return;
        }
        if (!(mechanism.equals("PLAIN") || mechanism.equals("LOGIN") || mechanism.equals("CRAM-MD5"))) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(504, "5.5.4 Unrecognized authentication type"));
            return;
        }
        if (!state.authOffered()) {
            session.reply(SmtpStage.AUTH,
                    SmtpReply.of(538, "5.7.11 Encryption required for requested authentication mechanism"));
            return;
        }
        switch (mechanism) {
            case "PLAIN" -> plain(session, initial);
            case "LOGIN" -> login(session, initial);
            default -> cramMd5(session, initial);
        }
    }

    private static void plain(SmtpSession session, String initial) throws IOException {
        String response = initial;
        if (response == null) {
            response = challenge(session, ""); // RFC 4954 §4: an empty challenge is exactly "334 "
            if (response == null) {
                return;
            }
        } else if (response.equals("=")) {
            response = "";
        }
        if (!Credentials.isBase64(response)) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Invalid base64 data"));
            return;
        }
        Optional<String[]> decoded = Credentials.decodePlain(response);
        if (decoded.isEmpty()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Malformed PLAIN response"));
            return;
        }
        finish(session, Credentials.check(session.config(), decoded.get()[0], decoded.get()[1]));
    }

    private static void login(SmtpSession session, String initial) throws IOException {
        String user = initial != null ? initial : challenge(session, b64("Username:"));
        if (user == null) {
            return;
        }
        String password = challenge(session, b64("Password:"));
        if (password == null) {
            return;
        }
        Optional<String> u = decode(user);
        Optional<String> p = decode(password);
        if (u.isEmpty() || p.isEmpty()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Invalid base64 data"));
            return;
        }
        finish(session, Credentials.check(session.config(), u.get(), p.get()));
    }

    private static void cramMd5(SmtpSession session, String initial) throws IOException {
        if (initial != null) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 CRAM-MD5 takes no initial response"));
            return;
        }
        String nonce = "<" + ThreadLocalRandom.current().nextLong(1L << 48) + "." + System.currentTimeMillis()
                + "@" + session.config().hostName() + ">";
        String response = challenge(session, b64(nonce));
        if (response == null) {
            return;
        }
        Optional<String> decoded = decode(response);
        int space = decoded.map(d -> d.lastIndexOf(' ')).orElse(-1);
        if (space <= 0) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Malformed CRAM-MD5 response"));
            return;
        }
        String user = decoded.get().substring(0, space);
        String digest = decoded.get().substring(space + 1);
        finish(session, Credentials.account(session.config(), user)
                .filter(a -> Credentials.hmacMd5Hex(a.password(), nonce).equals(digest)));
    }

    /** Sends a 334 challenge and reads the client's answer; null when the exchange already ended. */
    private static String challenge(SmtpSession session, String text) throws IOException {
        if (!session.reply(SmtpStage.AUTH, SmtpReply.of(334, text))) {
            return null;
        }
        Line line = session.readLine(AUTH_LINE_LIMIT);
        if (line == null) {
            session.drop();
            return null;
        }
        if (line.hasBareLineEnd() || line.overflow()) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Malformed response line"));
            return null;
        }
        String answer = line.text().strip();
        if (answer.equals("*")) {
            session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.7.0 Authentication cancelled"));
            return null;
        }
        return answer;
    }

    private static void finish(SmtpSession session, Optional<LocalAccount> account) throws IOException {
        if (account.isPresent()) {
            session.state().authenticate(account.get().user());
            session.reply(SmtpStage.AUTH, SmtpReply.of(235, "2.7.0 Authentication successful"));
        } else {
            session.reply(SmtpStage.AUTH, SmtpReply.of(535, "5.7.8 Authentication credentials invalid"));
        }
    }

    private static Optional<String> decode(String base64) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
