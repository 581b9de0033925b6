package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.Credentials;
import io.mailharness.faultserver.LocalAccount;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Faulty STARTTLS and AUTH commands that need the session's inner state, which the reply and command hooks
 * cannot reach: each breaks one rule of RFC 3207 §4.2 or RFC 4954 §4. Used by the constants in {@link SmtpFaults}.
 */
final class TlsSessionFaults {

    private TlsSessionFaults() {
    }

    /** What a faulty STARTTLS carries over the handshake that a conforming one forgets. */
    enum Kept {
        /** Plaintext pipelined after STARTTLS is read as if it came inside TLS (CVE-2011-0411). */
        PLAINTEXT_INPUT,
        /** The EHLO name and the open mail transaction. */
        GREETING_AND_TRANSACTION,
        /** The AUTH login. */
        LOGIN
    }

    /** STARTTLS that keeps {@code kept} across the handshake; everything else as the conforming command. */
    static SmtpCommand startTlsKeeping(Kept kept, SmtpCommand original) {
        return (session, argument) -> {
            SmtpState state = session.state();
            if (!argument.isEmpty() || state.tls()) {
                original.execute(session, argument);
                return;
            }
            String heloName = state.heloName();
            boolean esmtp = state.esmtp();
            MailTransaction transaction = state.transaction();
            String user = state.authenticatedUser();
            if (!session.reply(SmtpStage.STARTTLS, SmtpReply.of(220, "2.0.0 Ready to start TLS"))) {
                return;
            }
            ByteArrayOutputStream ahead = new ByteArrayOutputStream();
            session.reader().readExactly(session.reader().buffered(), ahead);
            try {
                session.startTls();
            } catch (IOException e) {
                session.drop();
                return;
            }
            switch (kept) {
                case PLAINTEXT_INPUT -> session.reader().unread(ahead.toByteArray());
                case GREETING_AND_TRANSACTION -> {
                    if (heloName != null) state.greet(heloName, esmtp);
                    if (transaction != null) state.beginTransaction(transaction);
                }
                case LOGIN -> {
                    if (user != null) state.authenticate(user);
                }
            }
        };
    }

    /** AUTH PLAIN with an initial response accepted in clear (RFC 4954 §4); other AUTH forms as the original. */
    static SmtpCommand plainAuthWithoutTls(SmtpCommand original) {
        return (session, argument) -> {
            SmtpState state = session.state();
            String[] words = argument.split(" ", 2);
            boolean plainInClear = !state.tls() && words.length == 2 && words[0].equalsIgnoreCase("PLAIN")
                    && state.esmtp() && !state.authenticated() && state.transaction() == null;
            if (!plainInClear) {
                original.execute(session, argument);
                return;
            }
            Optional<String[]> decoded = Credentials.decodePlain(words[1]);
            if (decoded.isEmpty()) {
                session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.5.2 Malformed PLAIN response"));
                return;
            }
            Optional<LocalAccount> account = Credentials.check(session.config(), decoded.get()[0], decoded.get()[1]);
            if (account.isPresent()) {
                state.authenticate(account.get().user());
                session.reply(SmtpStage.AUTH, SmtpReply.of(235, "2.7.0 Authentication successful"));
            } else {
                session.reply(SmtpStage.AUTH, SmtpReply.of(535, "5.7.8 Authentication credentials invalid"));
            }
        };
    }
}
