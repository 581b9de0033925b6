package io.mailharness.conformance.rfc2595;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Pop3Tls;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.result.Level;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

@Section(rfc = "2595", number = "4", title = "POP3 STARTTLS extension")
public class StlsCommand {
    /*
     * §4: STLS takes no arguments and is valid only in the AUTHORIZATION state; +OK is followed by the TLS
     * negotiation. Once TLS is active the server no longer offers STLS (CAPA) and refuses it with -ERR.
     */
    @Check(id = "POP-STLS", level = Level.MUST, modes = {Mode.NEEDS_TLS, Mode.ANTI_ABUSE},
            requirement = "STLS before login gets +OK and TLS; inside TLS CAPA no longer lists STLS and STLS gets -ERR; 'STLS x' and STLS after login get -ERR")
    void startTls(CheckContext check) {
        if (!Pop3Tls.plainConnections(check)) check.skip("the settings open POP3 with TLS already; STLS is probed on plain connections only");
        Pop3Probe pop3 = check.pop3Greeted();
        if (!Pop3Capabilities.query(pop3).has("STLS")) check.skip("CAPA does not list STLS");
        pop3.send("STLS").expectOk();
        Pop3Tls.handshake(check, pop3);
        Pop3Capabilities inside = Pop3Capabilities.query(pop3);
        inside.response().expectOk();
        if (inside.has("STLS")) throw check.fail("CAPA inside TLS", "STLS no longer listed", inside.tags().toString());
        pop3.send("STLS").expectErr();
        pop3.quitQuietly();

        Pop3Probe argument = check.pop3Greeted();
        Pop3Response withArgument = argument.send("STLS x");
        if (withArgument.closed()) check.observe("'STLS x': the server closed the connection");
        else withArgument.expectErr();
        argument.quitQuietly();

        Pop3Probe loggedIn = check.pop3LoggedIn(check.account());
        loggedIn.send("STLS").expectErr();
        loggedIn.send("QUIT");
    }

    /*
     * §4 (and CVE-2021-38084): after +OK to STLS the server starts the TLS negotiation; whatever the client sent
     * in plaintext behind STLS must not be executed, neither in plaintext nor after the handshake.
     */
    @Check(id = "POP-STLS-INJECT", level = Level.MUST, modes = {Mode.NEEDS_TLS, Mode.ANTI_ABUSE},
            requirement = "'STLS<CRLF>CAPA<CRLF>' in one write: the plaintext CAPA is never answered (in clear or inside TLS), or the server closes")
    void plaintextInjection(CheckContext check) {
        if (!Pop3Tls.plainConnections(check)) check.skip("the settings open POP3 with TLS already; STLS is probed on plain connections only");
        Pop3Probe pop3 = check.pop3Greeted();
        if (!Pop3Capabilities.query(pop3).has("STLS")) check.skip("CAPA does not list STLS");
        pop3.write("STLS\r\nCAPA\r\n");
        Pop3Response stls = pop3.readStatus("STLS<CRLF>CAPA<CRLF> in one write");
        if (stls.closed()) {
            check.observe("the server closed the connection on STLS with plaintext behind it");
            return;
        }
        if (stls.isErr()) {
            check.observe("STLS with plaintext behind it was refused (" + stls.describe() + "); no TLS, so no injection");
            pop3.quitQuietly();
            return;
        }
        stls.expectOk();
        unsolicited(check, pop3).ifPresent(octets -> {
            throw check.fail("after +OK to STLS, before the handshake", "nothing: the injected CAPA is discarded", octets);
        });
        if (!Pop3Tls.tryHandshake(check, pop3)) {
            // A server that aborts the negotiation when plaintext follows STLS executes nothing: the defence works.
            check.observe("the server ended the TLS negotiation (plaintext was queued behind STLS)");
            return;
        }
        unsolicited(check, pop3).ifPresent(octets -> {
            throw check.fail("inside TLS, before any command", "nothing: the plaintext CAPA is never executed", octets);
        });
        if (pop3.connection().isClosedByPeer()) {
            check.observe("the server closed the connection after the handshake");
            return;
        }
        Pop3Capabilities.query(pop3).response().expectOk();
        pop3.quitQuietly();
    }

    private static Optional<String> unsolicited(CheckContext check, Pop3Probe pop3) {
        return pop3.connection().awaitAnyOctets(check.silence())
                .map(octets -> Transcript.visible(new String(octets, StandardCharsets.ISO_8859_1)));
    }
}
