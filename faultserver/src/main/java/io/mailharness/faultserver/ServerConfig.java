package io.mailharness.faultserver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the conforming baseline behaves; faults are applied on top of it.
 *
 * @param hostName       the Domain in the greeting, EHLO reply and Received header
 * @param localDomain    mail for {@code user@localDomain} is delivered to maildrops
 * @param accounts       local users (SMTP AUTH and POP3 login)
 * @param sizeLimit      message size limit, advertised as {@code SIZE}
 * @param rcptLimit      recipients per transaction (RFC 5321 §4.5.3.1.8: at least 100)
 * @param authWithoutTls offer SMTP AUTH before STARTTLS (RFC 4954 §4 says it should not be)
 * @param readTimeout    idle limit on every socket; also the longest a stalled session is held
 * @param relay          a domain relayed for any client to a next hop, if any
 */
public record ServerConfig(String hostName, String localDomain, List<LocalAccount> accounts, long sizeLimit,
                           int rcptLimit, boolean authWithoutTls, Duration readTimeout, Optional<RelayRoute> relay) {

    public ServerConfig {
        accounts = List.copyOf(accounts);
        if (rcptLimit < 1) {
            throw new IllegalArgumentException("rcptLimit must be positive");
        }
    }

    public Optional<LocalAccount> account(String user) {
        String wanted = user.toLowerCase(Locale.ROOT);
        return accounts.stream().filter(a -> a.user().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    public boolean isLocalDomain(String domain) {
        return domain.equalsIgnoreCase(localDomain);
    }
}
