package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.LocalAccount;

import java.io.IOException;
import java.util.Optional;

/** The common end of USER/PASS, APOP and AUTH: [AUTH] on bad credentials, [IN-USE] when locked. */
final class MaildropOpener {

    private MaildropOpener() {
    }

    static void open(Pop3Session session, Pop3Stage stage, Optional<LocalAccount> account) throws IOException {
        open(session, stage, account, true);
    }

    /** @param lock false only in the faulty variant that skips the exclusive-access lock */
    static void open(Pop3Session session, Pop3Stage stage, Optional<LocalAccount> account, boolean lock) throws IOException {
        Pop3State state = session.state();
        if (account.isEmpty()) {
            state.pendingUser(null);
            // RFC 3206 §4: [AUTH] says the credentials were wrong, not the server.
            session.reply(stage, Pop3Reply.err("[AUTH] Invalid credentials"));
            return;
        }
        if (state.open(account.get(), lock) == Pop3State.OpenResult.LOCKED) {
            session.reply(stage, Pop3Reply.err("[IN-USE] Maildrop is locked by another session"));
            return;
        }
        MaildropSnapshot snapshot = state.snapshot();
        session.reply(stage, Pop3Reply.ok("Maildrop has " + snapshot.visibleCount() + " messages ("
                + snapshot.visibleOctets() + " octets)"));
    }
}
