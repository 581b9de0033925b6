package io.mailharness.faultserver;

/**
 * A domain the server relays for anyone (as a Postfix {@code relay_domains} entry does) and the next hop it
 * forwards that domain's mail to, over SMTP.
 */
public record RelayRoute(String domain, String host, int port) {
    public boolean routes(String recipientDomain) {
        return domain.equalsIgnoreCase(recipientDomain);
    }
}
