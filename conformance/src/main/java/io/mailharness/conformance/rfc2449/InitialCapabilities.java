package io.mailharness.conformance.rfc2449;

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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@Section(rfc = "2449", number = "6", title = "Initial Set of Capabilities")
public class InitialCapabilities {
    /*
     * §6: each capability names something the server does: TOP and UIDL the optional commands, USER the
     * USER/PASS login, SASL the AUTH mechanisms, PIPELINING that commands may be sent in one write, STLS and
     * UTF8 their commands; §6.4 and §8: with RESP-CODES, any -ERR text starting with "[" is a response code.
     */
    @Check(id = "POP-CAPA-HONEST", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "every capability CAPA lists works: TOP, UIDL, USER, each SASL mechanism, STLS, PIPELINING, UTF8; with RESP-CODES an -ERR text starting '[' is a response code")
    void capabilitiesWork(CheckContext check) {
        Account account = check.accountWithMessage(); // so a listed TOP is exercised
        Pop3Probe pop3 = check.pop3Greeted();
        Pop3Capabilities caps = Pop3Capabilities.query(pop3);
        if (!caps.offered()) check.skip("CAPA is not supported (" + caps.response().describe() + "): RFC 2449 does not apply");
        List<String> exercised = new ArrayList<>();
        if (caps.has("USER")) exercised.add("USER");
        check.login(pop3, account);
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        if (caps.has("UIDL")) {
            pop3.sendMulti("UIDL").expectOk();
            exercised.add("UIDL");
        }
        if (caps.has("TOP")) {
            if (list.body().isEmpty()) check.observe("TOP listed but the maildrop is empty: not exercised");
            else {
                pop3.sendMulti("TOP 1 0").expectOk();
                exercised.add("TOP");
            }
        }
        if (caps.has("PIPELINING")) {
            pop3.write("NOOP\r\nNOOP\r\n");
            pop3.readStatus("NOOP (1 of 2 in one write)").expectOk();
            pop3.readStatus("NOOP (2 of 2 in one write)").expectOk();
            exercised.add("PIPELINING");
        }
        Pop3Response unknown = check.preamble(() -> pop3.send("XYZZY").expectErr()); // its -ERR is POP-UNKNOWN's rule
        if (caps.has("RESP-CODES")) judgeResponseCode(check, unknown);
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business

        if (caps.has("RESP-CODES")) {
            Pop3Probe refused = check.pop3Greeted();
            refused.user(account);
            // the wrong password's -ERR is POP-PASS-ORDER's rule; its response code is this row's
            judgeResponseCode(check, check.preamble(() -> refused.send("PASS wrong-" + account.password()).expectErr()));
            refused.quitQuietly();
            exercised.add("RESP-CODES");
        }
        if (caps.has("UTF8")) {
            Pop3Probe utf8 = check.pop3Greeted();
            utf8.send("UTF8").expectOk();
            utf8.quitQuietly();
            exercised.add("UTF8");
        }
        boolean plain = Pop3Tls.plainConnections(check);
        if (caps.has("STLS") && plain) {
            Pop3Probe tls = check.pop3Greeted();
            tls.send("STLS").expectOk();
            Pop3Tls.handshake(check, tls);
            tls.sendMulti("CAPA").expectOk();
            tls.quitQuietly();
            exercised.add("STLS");
        }
        for (String mechanism : caps.saslMechanisms()) {
            Pop3Probe sasl = check.pop3Greeted();
            if (caps.has("STLS") && plain) {
                sasl.send("STLS").expectOk();
                Pop3Tls.handshake(check, sasl);
            }
            if (mechanism.equals("PLAIN")) {
                sasl.send("AUTH PLAIN " + Sasl.plain(account)).expectOk();
                sasl.send("STAT").expectOk();
            } else {
                Pop3Response started = sasl.send("AUTH " + mechanism);
                if (!started.status().text().startsWith("+ ") && !started.status().text().equals("+")) {
                    throw check.fail("AUTH " + mechanism, "a '+ ' challenge: the listed mechanism starts", started.describe());
                }
                sasl.send("*").expectErr();
            }
            sasl.quitQuietly();
            exercised.add("SASL " + mechanism);
        }
        check.observe("exercised: " + String.join(", ", exercised));
    }
    private static final Pattern STAT = Pattern.compile("\\+OK ([0-9]+) ([0-9]+)(?: .*)?");

    private static void judgeResponseCode(CheckContext check, Pop3Response err) {
        if (err.text().startsWith("[") && !RESPONSE_CODE.matcher(err.text()).matches()) {
            throw check.fail(err.step(), "with RESP-CODES, text starting '[' is a response code '[level/level...]'", err.describe());
        }
    }
    /** §8: resp-code = "[" resp-level *("/" resp-level) "]", a level being printable characters other than "/" and "]". */
    private static final Pattern RESPONSE_CODE = Pattern.compile("\\[[\\x21-\\x2E\\x30-\\x5C\\x5E-\\x7E]+(/[\\x21-\\x2E\\x30-\\x5C\\x5E-\\x7E]+)*\\].*");
}
