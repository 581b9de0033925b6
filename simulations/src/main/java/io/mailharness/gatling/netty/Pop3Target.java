package io.mailharness.gatling.netty;

import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a POP3 client connects: the server's address (resolved once, when the run is set up), the host name TLS
 * checks the certificate against, and the security mode. The maildrop's account comes with each login.
 */
public record Pop3Target(InetSocketAddress address, String host, Pop3Security security) {

    public Pop3Target {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(security, "security");
    }

    /** Resolves the endpoint's host now (blocking): call it when the run is set up, not on an event loop. */
    public static Pop3Target of(Endpoint endpoint, Pop3Security security) {
        return new Pop3Target(new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.host(), security);
    }
}
