package io.mailharness.gatling.netty;

import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSecurity;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an SMTP client connects and how it opens the session: the server's address (resolved once, when the run is
 * set up, so no connection waits on a name look-up on an event loop), the host name TLS checks the certificate
 * against, the security mode, the AUTH mechanism and account, and the domain the client names itself with in EHLO.
 */
public record SmtpTarget(InetSocketAddress address, String host, SmtpSecurity security, Optional<SmtpAuthMechanism> auth,
                         Account account, String clientDomain) {

    public SmtpTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(clientDomain, "clientDomain");
        if (auth.isPresent() && account == null) throw new IllegalArgumentException("SMTP AUTH is set but no account is given");
    }

    /** Resolves the endpoint's host now (blocking): call it when the run is set up, not on an event loop. */
    public static SmtpTarget of(Endpoint endpoint, SmtpSecurity security, Optional<SmtpAuthMechanism> auth, Account account, String clientDomain) {
        return new SmtpTarget(new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.host(), security, auth, account, clientDomain);
    }

    /** Without TLS and AUTH. */
    public static SmtpTarget plain(Endpoint endpoint, String clientDomain) {
        return of(endpoint, SmtpSecurity.PLAIN, Optional.empty(), null, clientDomain);
    }

    @Override
    public String toString() {
        return "SmtpTarget[" + host + ":" + address.getPort() + ", " + security + auth.map(a -> ", AUTH " + a.wireName()).orElse("") + "]";
    }
}
