package io.mailharness.conformance.rfc5034;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Pop3Tls;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

@Section(rfc = "5034", number = "4", title = "The AUTH Command")
public class AuthCommand {
    /*
     * §4: AUTH mechanism [initial-response] runs a SASL exchange; each server challenge is a line "+" SP and
     * base64 (empty for PLAIN's first step), each client response one base64 line; success is +OK and the
     * TRANSACTION state. §6: CAPA's SASL capability lists the mechanisms.
     */
    @Check(id = "POP-AUTH", level = Level.MUST, modes = Mode.NEEDS_TLS,
            requirement = "when CAPA lists SASL PLAIN: 'AUTH PLAIN <base64>' logs in (+OK), and 'AUTH PLAIN' gets a '+ ' challenge whose answer logs in")
    void authPlain(CheckContext check) {
        Account account = check.account();
        Pop3Probe pop3 = secured(check);
        pop3.send("AUTH PLAIN " + Sasl.plain(account)).expectOk();
        pop3.send("STAT").expectOk();
        pop3.send("QUIT");

        Pop3Probe twoStep = secured(check);
        Pop3Response challenge = twoStep.send("AUTH PLAIN");
        if (!challenge.isComplete() || !challenge.status().text().startsWith("+ ")) {
            throw check.fail("AUTH PLAIN", "a challenge line '+ ' (plus, space, base64; empty for PLAIN)", challenge.describe());
        }
        twoStep.send(Sasl.plain(account)).expectOk();
        twoStep.send("STAT").expectOk();
        twoStep.send("QUIT");
    }

    /** A fresh connection, inside TLS when STLS is offered on a plain one, with CAPA listing SASL PLAIN (else SKIP). */
    private static Pop3Probe secured(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        Pop3Capabilities caps = Pop3Capabilities.query(pop3);
        if (!caps.saslMechanisms().contains("PLAIN")) check.skip("CAPA does not list SASL PLAIN");
        if (caps.has("STLS") && Pop3Tls.plainConnections(check)) {
            pop3.send("STLS").expectOk();
            Pop3Tls.handshake(check, pop3);
        }
        return pop3;
    }

    /*
     * §4: an unknown mechanism, a client cancel ("*"), or a response that is not base64 end the exchange with
     * -ERR, and the session stays in the AUTHORIZATION state (another login still works). AUTH without a
     * mechanism is the older RFC 1734 form: a mechanism listing or -ERR, recorded.
     */
    @Check(id = "POP-AUTH-FAIL", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "'AUTH FOO', a cancelled 'AUTH PLAIN' (*), and 'AUTH PLAIN <not base64>' get -ERR and USER/PASS still logs in afterwards")
    void authFailures(CheckContext check) {
        Account account = check.account();
        // USER/PASS must work on their own (POP-USERPASS's rule) for "still works after a failed AUTH" to mean anything
        check.pop3LoggedIn(account).quitQuietly();
        Pop3Probe unknown = check.pop3Greeted();
        unknown.send("AUTH FOO").expectErr();
        stillAuthorization(unknown, account);

        Pop3Probe cancelled = check.pop3Greeted();
        Pop3Response started = cancelled.send("AUTH PLAIN");
        if (started.isComplete() && started.status().text().startsWith("+")) cancelled.send("*").expectErr();
        else started.expectErr();
        stillAuthorization(cancelled, account);

        Pop3Probe garbled = check.pop3Greeted();
        garbled.send("AUTH PLAIN !!!not-base64!!!").expectErr();
        stillAuthorization(garbled, account);

        Pop3Probe bare = check.pop3Greeted();
        Pop3Response listing = bare.sendMulti("AUTH");
        check.observe("bare AUTH -> " + listing.describe() + (listing.isOk() ? " [" + listing.bodyVisible() + "]" : ""));
        bare.quitQuietly();
    }

    private static void stillAuthorization(Pop3Probe pop3, Account account) {
        pop3.login(account); // USER/PASS still working after a failed AUTH is this row's rule
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }
}
