package io.mailharness.settings;

import java.util.List;
import java.util.Optional;

/**
 * Everything the harness needs to know about one mail-server target. A target has an SMTP side,
 * a POP3 side, or both; work that needs a missing side is skipped with that reason.
 */
public record TargetSettings(
        String name,
        String description,
        String domain,
        Optional<SmtpSettings> smtp,
        Optional<Pop3Settings> pop3,
        TlsSettings tls,
        Timeouts timeouts,
        List<Account> accounts) {

    public TargetSettings {
        accounts = List.copyOf(accounts);
    }

    /** The SMTP side, or a settings error naming the target when it has none. */
    public SmtpSettings requireSmtp() {
        return smtp.orElseThrow(() -> new SettingsException(name + ".smtp", "this target has no SMTP service"));
    }

    /** The POP3 side, or a settings error naming the target when it has none. */
    public Pop3Settings requirePop3() {
        return pop3.orElseThrow(() -> new SettingsException(name + ".pop3", "this target has no POP3 service"));
    }

    /** The first account, the one single-account runs use. */
    public Account primaryAccount() {
        return accounts.get(0);
    }

    /** Accounts that checks and load runs may empty and fill. */
    public List<Account> disposableAccounts() {
        return accounts.stream().filter(Account::disposable).toList();
    }
}
