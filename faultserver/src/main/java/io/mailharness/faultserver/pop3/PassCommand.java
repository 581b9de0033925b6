package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Credentials;
import io.mailharness.faultserver.LocalAccount;

import java.io.IOException;
import java.util.Optional;

/**
 * PASS string (RFC 1939 §7): valid only right after a successful USER; the whole rest of the
 * line is the password, spaces included. The two flags exist for the faulty variants.
 */
final class PassCommand implements Pop3Command {

    private final boolean requireUser;
    private final boolean checkPassword;
    private final boolean lockMaildrop;

    /**
     * @param requireUser   false: PASS without USER logs in the account with that password (a fault)
     * @param checkPassword false: any password is accepted for an existing user (a fault)
     */
    PassCommand(boolean requireUser, boolean checkPassword) {
        this(requireUser, checkPassword, true);
    }

    /** @param lockMaildrop false: the maildrop is opened without the exclusive-access lock (a fault) */
    PassCommand(boolean requireUser, boolean checkPassword, boolean lockMaildrop) {
        this.requireUser = requireUser;
        this.checkPassword = checkPassword;
        this.lockMaildrop = lockMaildrop;
    }

    @Override
    public void execute(Pop3Session session, String argument) throws IOException {
        Pop3State state = session.state();
        String user = state.pendingUser();
        if (user == null && requireUser) {
            session.reply(Pop3Stage.PASS, Pop3Reply.err("Send USER first"));
            return;
        }
        Optional<LocalAccount> account;
        if (user == null) {
            account = state.config().accounts().stream().filter(a -> a.password().equals(argument)).findFirst()
                    .or(() -> state.config().accounts().stream().findFirst());
        } else if (checkPassword) {
            account = Credentials.check(state.config(), user, argument);
        } else {
            account = Credentials.account(state.config(), user);
        }
        MaildropOpener.open(session, Pop3Stage.PASS, account, lockMaildrop);
    }
}
