package io.mailharness.settings;

import java.util.List;
import java.util.Optional;

/**
 * Everything the harness needs to know about one mail-server target. A target has an SMTP side,
 * a POP3 side, or both; work that needs a missing side is skipped with that reason.
 *
 * @param timeouts  connect: opening a connection; read: one whole protocol step (command and complete reply)
 * @param limits    what one reply may hold before the step fails and the connection is closed
 * @param reconnect the back-off of a load user whose connection attempt failed
 * @param relay     a domain the target relays to the harness's own next hop, if it has one (outbound checks)
 */
public record TargetSettings(
        String name,
        String description,
        String domain,
        Optional<SmtpSettings> smtp,
        Optional<Pop3Settings> pop3,
        TlsSettings tls,
        Timeouts timeouts,
        List<Account> accounts,
        ReplyLimits limits,
        ReconnectBackoff reconnect,
        Optional<RelaySettings> relay) {

    public TargetSettings {
        accounts = List.copyOf(accounts);
    }

    /** A target with the default reply limits and reconnection back-off. */
    public TargetSettings(String name, String description, String domain, Optional<SmtpSettings> smtp, Optional<Pop3Settings> pop3,
                          TlsSettings tls, Timeouts timeouts, List<Account> accounts) {
        this(name, description, domain, smtp, pop3, tls, timeouts, accounts, ReplyLimits.defaults(), ReconnectBackoff.defaults());
    }

    /** A target that relays nothing to the harness. */
    public TargetSettings(String name, String description, String domain, Optional<SmtpSettings> smtp, Optional<Pop3Settings> pop3,
                          TlsSettings tls, Timeouts timeouts, List<Account> accounts, ReplyLimits limits, ReconnectBackoff reconnect) {
        this(name, description, domain, smtp, pop3, tls, timeouts, accounts, limits, reconnect, Optional.empty());
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

    /** The accounts a load run sends to and reads: the disposable ones, else all. */
    public List<Account> loadAccounts() {
        List<Account> disposable = disposableAccounts();
        return disposable.isEmpty() ? accounts : disposable;
    }

    public TargetSettings withSmtp(Optional<SmtpSettings> value) {
        return new TargetSettings(name, description, domain, value, pop3, tls, timeouts, accounts, limits, reconnect, relay);
    }

    public TargetSettings withPop3(Optional<Pop3Settings> value) {
        return new TargetSettings(name, description, domain, smtp, value, tls, timeouts, accounts, limits, reconnect, relay);
    }

    public TargetSettings withTls(TlsSettings value) {
        return new TargetSettings(name, description, domain, smtp, pop3, value, timeouts, accounts, limits, reconnect, relay);
    }

    public TargetSettings withTimeouts(Timeouts value) {
        return new TargetSettings(name, description, domain, smtp, pop3, tls, value, accounts, limits, reconnect, relay);
    }

    public TargetSettings withLimits(ReplyLimits value) {
        return new TargetSettings(name, description, domain, smtp, pop3, tls, timeouts, accounts, value, reconnect, relay);
    }

    public TargetSettings withRelay(Optional<RelaySettings> value) {
        return new TargetSettings(name, description, domain, smtp, pop3, tls, timeouts, accounts, limits, reconnect, value);
    }

    public TargetSettings withReconnect(ReconnectBackoff value) {
        return new TargetSettings(name, description, domain, smtp, pop3, tls, timeouts, accounts, limits, value, relay);
    }
}
