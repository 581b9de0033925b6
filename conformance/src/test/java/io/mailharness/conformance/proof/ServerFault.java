package io.mailharness.conformance.proof;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.FaultCatalogue;
import io.mailharness.faultserver.Faults;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a proving server breaks a rule: faults of the fault server's catalogue, or a {@link ClientRewritingProxy}
 * rewrite of client lines in front of it.
 *
 * @param name           shown in test names
 * @param faults         the fault server's faults
 * @param smtpClientRewrite a rewrite of client lines on the way to the SMTP listener, if any
 * @param pop3ClientRewrite a rewrite of client lines on the way to the POP3 listener, if any
 */
record ServerFault(String name, Faults faults, Optional<UnaryOperator<byte[]>> smtpClientRewrite,
                   Optional<UnaryOperator<byte[]>> pop3ClientRewrite) {
    static final ServerFault BASELINE = new ServerFault("baseline", Faults.none(), Optional.empty(), Optional.empty());

    /** A named fault from the fault server's catalogue. */
    static ServerFault catalogue(String name) {
        return new ServerFault(name, Faults.of(FaultCatalogue.byName(name)), Optional.empty(), Optional.empty());
    }

    /** A fault of the fault server's catalogue, named by its constant. */
    static ServerFault catalogue(Fault fault) {
        return catalogue(name(fault), fault);
    }

    /** Several catalogued faults that together break one rule (e.g. a rule spanning two commands). */
    static ServerFault catalogue(String name, Fault... faults) {
        for (Fault fault : faults) name(fault);
        return new ServerFault(name, Faults.of(faults), Optional.empty(), Optional.empty());
    }

    private static String name(Fault fault) {
        if (FaultCatalogue.all().get(fault.name()) != fault) {
            throw new IllegalArgumentException(fault.name() + " is not in the fault server's catalogue");
        }
        return fault.name();
    }

    /** A server that misreads client input: the rewrite runs on every CRLF-terminated client line. */
    static ServerFault proxy(String name, UnaryOperator<byte[]> rewrite) {
        return new ServerFault(name, Faults.none(), Optional.of(rewrite), Optional.empty());
    }

    /** The same for the POP3 side. */
    static ServerFault pop3Proxy(String name, UnaryOperator<byte[]> rewrite) {
        return new ServerFault(name, Faults.none(), Optional.empty(), Optional.of(rewrite));
    }

    @Override
    public String toString() {
        return name;
    }
}
