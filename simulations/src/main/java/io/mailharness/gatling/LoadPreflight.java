package io.mailharness.gatling;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Pop3Session;
import io.mailharness.client.SmtpSession;
import io.mailharness.settings.Account;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettings;

import java.util.List;
import java.util.Locale;

/**
 * Before any load: the target answers and the settings' credentials work, so that a wrong password is one
 * line at start-up rather than a run full of KOs. Connects and greets the SMTP side (EHLO, STARTTLS and AUTH
 * as configured), and logs in to the POP3 maildrop of every account the run will read (after STLS as
 * configured). A failure is a {@link SettingsException} of one line naming the service and the account,
 * never the password.
 */
public final class LoadPreflight {
    /** Maildrop locks (another reader holds it for a moment) are waited out this often before giving up. */
    private static final int LOCKED_RETRIES = 3;
    private static final long LOCKED_PAUSE_MILLIS = 500;

    private LoadPreflight() {}

    /** @param retrieving whether the run will read the maildrops (false: send-only, POP3 is not used) */
    public static void check(TargetSettings target, boolean retrieving) {
        List<Account> accounts = target.loadAccounts();
        if (accounts.isEmpty()) throw new SettingsException(target.name() + ".accounts", "a load run needs at least one account");
        if (target.smtp().isPresent()) smtp(target, accounts.getFirst());
        if (retrieving && target.pop3().isPresent()) {
            for (Account account : accounts) pop3(target, account);
        }
    }

    private static void smtp(TargetSettings target, Account account) {
        String what = target.requireSmtp().auth().isPresent() ? " (AUTH as " + account.user() + ")" : "";
        try (SmtpSession session = SmtpSession.open(target, account, "mailharness.invalid", null)) {
            session.quit();
        } catch (MailProtocolException e) {
            throw new SettingsException(null, "preflight: SMTP " + target.requireSmtp().endpoint() + what + problem(e));
        }
    }

    private static void pop3(TargetSettings target, Account account) {
        for (int attempt = 1; ; attempt++) {
            try (Pop3Session session = Pop3Session.open(target, account, null)) {
                session.quit();
                return;
            } catch (MailProtocolException e) {
                if (attempt < LOCKED_RETRIES && locked(e)) {
                    pause();
                    continue;
                }
                throw new SettingsException(null, "preflight: POP3 " + target.requirePop3().endpoint() + " login as '" + account.user()
                        + "' (" + account.address() + ")" + problem(e));
            }
        }
    }

    /** ": the problem", or " is unreachable (…)" when no connection could be made. */
    private static String problem(MailProtocolException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException || t instanceof java.net.NoRouteToHostException) {
                return " is unreachable (" + e.getMessage() + ")";
            }
        }
        return ": " + e.getMessage();
    }

    /** -ERR [IN-USE] (RFC 2449 §8.1.2) or a server's own words for a locked maildrop. */
    private static boolean locked(MailProtocolException e) {
        String m = e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("[in-use]") || m.contains("lock");
    }

    private static void pause() {
        try {
            Thread.sleep(LOCKED_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
