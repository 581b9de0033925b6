package io.mailharness.conformance.proof;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.FaultCatalogue;
import io.mailharness.faultserver.Faults;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a proving server breaks a rule: faults of the fault server (from its catalogue, or defined in
 * {@link OwnFaults}), or a {@link ClientRewritingProxy} rewrite of client lines in front of its SMTP side.
 *
 * @param name           shown in test names and the missing-faults list
 * @param faults         the fault server's faults
 * @param smtpClientRewrite a rewrite of client lines on the way to the SMTP listener, if any
 * @param pop3ClientRewrite a rewrite of client lines on the way to the POP3 listener, if any
 * @param fromCatalogue  true when every fault comes from the fault server's own catalogue
 */
record ServerFault(String name, Faults faults, Optional<UnaryOperator<byte[]>> smtpClientRewrite,
                   Optional<UnaryOperator<byte[]>> pop3ClientRewrite, boolean fromCatalogue) {
    static final ServerFault BASELINE = new ServerFault("baseline", Faults.none(), Optional.empty(), Optional.empty(), true);

    /** A named fault from the fault server's catalogue. */
    static ServerFault catalogue(String name) {
        return new ServerFault(name, Faults.of(FaultCatalogue.byName(name)), Optional.empty(), Optional.empty(), true);
    }

    /** A fault built in these test sources on the fault server's public hooks (missing from its catalogue). */
    static ServerFault own(Fault fault) {
        return new ServerFault(fault.name(), Faults.of(fault), Optional.empty(), Optional.empty(), false);
    }

    /** Several faults of these test sources that together break one rule (e.g. a rule spanning two commands). */
    static ServerFault own(String name, Fault... faults) {
        return new ServerFault(name, Faults.of(faults), Optional.empty(), Optional.empty(), false);
    }

    /** A server that misreads client input: the rewrite runs on every CRLF-terminated client line. */
    static ServerFault proxy(String name, UnaryOperator<byte[]> rewrite) {
        return new ServerFault(name, Faults.none(), Optional.of(rewrite), Optional.empty(), false);
    }

    /** The same for the POP3 side. */
    static ServerFault pop3Proxy(String name, UnaryOperator<byte[]> rewrite) {
        return new ServerFault(name, Faults.none(), Optional.empty(), Optional.of(rewrite), false);
    }

    @Override
    public String toString() {
        return name;
    }
}
