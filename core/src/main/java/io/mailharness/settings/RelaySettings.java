package io.mailharness.settings;

/**
 * A domain the target relays to the harness: mail for {@code anyone@domain} leaves the target for
 * {@code nextHop}, where the harness listens with its own SMTP sink to see the octets the target emits as a
 * client (RFC 5321 §2.3.8, §4.5.2). The target must be set up to route the domain there (a transport map,
 * a smart host for that domain); the harness cannot learn the route from the target.
 *
 * @param domain  the relay domain, e.g. {@code relay.mailharness.test}; never one of the target's local domains
 * @param nextHop the address and port the harness's sink listens on, as the target's route names them
 */
public record RelaySettings(String domain, Endpoint nextHop) {}
