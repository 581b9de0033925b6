package io.mailharness.conformance.rfc2449;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Pop3Tls;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "2449", number = "6", title = "Initial Set of Capabilities")
public class InitialCapabilities {
    /** §8: resp-code = "[" resp-level *("/" resp-level) "]", a level being printable characters other than "/" and "]". */
    private static final Pattern RESPONSE_CODE = Pattern.compile("\\[[\\x21-\\x2E\\x30-\\x5C\\x5E-\\x7E]+(/[\\x21-\\x2E\\x30-\\x5C\\x5E-\\x7E]+)*\\].*");
    private static final Pattern STAT = Pattern.compile("\\+OK ([0-9]+) ([0-9]+)(?: .*)?");
    private static final Pattern LOGIN_DELAY = Pattern.compile("([0-9]+)(?: (USER))?");

    /*
     * §6: each capability names something the server does: TOP and UIDL the optional commands, USER the
     * USER/PASS login, SASL the AUTH mechanisms, PIPELINING that commands may be sent in one write, STLS and
     * UTF8 their commands; §6.4 and §8: with RESP-CODES, any -ERR text starting with "[" is a response code.
     */
    @Check(id = "POP-CAPA-HONEST", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "every capability CAPA lists works: TOP, UIDL, USER, each SASL mechanism, STLS, PIPELINING, UTF8; with RESP-CODES an -ERR text starting '[' is a response code")
    void capabilitiesWork(CheckContext check) {
        Account account = check.account();
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        Pop3Capabilities caps = Pop3Capabilities.query(pop3);
        if (!caps.offered()) check.skip("CAPA is not supported (" + caps.response().describe() + "): RFC 2449 does not apply");
        List<String> exercised = new ArrayList<>();
        if (caps.has("USER")) exercised.add("USER");
        pop3.login(account);
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
        Pop3Response unknown = pop3.send("XYZZY").expectErr();
        if (caps.has("RESP-CODES")) judgeResponseCode(check, unknown);
        pop3.send("QUIT").expectOk();

        if (caps.has("RESP-CODES")) {
            Pop3Probe refused = check.pop3();
            refused.greeting().expectOk();
            refused.send("USER " + account.user()).expectOk();
            judgeResponseCode(check, refused.send("PASS wrong-" + account.password()).expectErr());
            refused.quitQuietly();
            exercised.add("RESP-CODES");
        }
        if (caps.has("UTF8")) {
            Pop3Probe utf8 = check.pop3();
            utf8.greeting().expectOk();
            utf8.send("UTF8").expectOk();
            utf8.quitQuietly();
            exercised.add("UTF8");
        }
        boolean plain = Pop3Tls.plainConnections(check);
        if (caps.has("STLS") && plain) {
            Pop3Probe tls = check.pop3();
            tls.greeting().expectOk();
            tls.send("STLS").expectOk();
            Pop3Tls.handshake(check, tls);
            tls.sendMulti("CAPA").expectOk();
            tls.quitQuietly();
            exercised.add("STLS");
        }
        for (String mechanism : caps.saslMechanisms()) {
            Pop3Probe sasl = check.pop3();
            sasl.greeting().expectOk();
            if (caps.has("STLS") && plain) {
                sasl.send("STLS").expectOk();
                Pop3Tls.handshake(check, sasl);
            }
            if (mechanism.equals("PLAIN")) {
                sasl.send("AUTH PLAIN " + plainResponse(account)).expectOk();
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

    private static void judgeResponseCode(CheckContext check, Pop3Response err) {
        if (err.text().startsWith("[") && !RESPONSE_CODE.matcher(err.text()).matches()) {
            throw check.fail(err.step(), "with RESP-CODES, text starting '[' is a response code '[level/level...]'", err.describe());
        }
    }

    static String plainResponse(Account account) {
        return Base64.getEncoder().encodeToString(("\0" + account.user() + "\0" + account.password()).getBytes(StandardCharsets.UTF_8));
    }

    /*
     * §6.6 PIPELINING: the client may send several commands in one write; the server "MUST" process each
     * command in turn, answering each one completely and in order.
     */
    @Check(id = "POP-PIPELINING", level = Level.MUST, section = "6.6",
            requirement = "when CAPA lists PIPELINING, 'STAT LIST UIDL NOOP' in one write gets four complete responses in order")
    void pipelinedCommands(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        Pop3Capabilities caps = Pop3Capabilities.query(pop3);
        if (!caps.has("PIPELINING")) check.skip("CAPA does not list PIPELINING: commands are sent one at a time");
        pop3.login(check.account());
        pop3.write("STAT\r\nLIST\r\nUIDL\r\nNOOP\r\n");
        Pop3Response stat = pop3.readStatus("STAT (1 of 4 in one write)").expectOk();
        if (!STAT.matcher(stat.statusText()).matches()) throw check.fail(stat.step(), "'+OK nn mm', the STAT answer first", stat.describe());
        Pop3Response list = pop3.readMulti("LIST (2 of 4 in one write)").expectOk();
        if (!list.terminated()) throw check.fail(list.step(), "the scan listing ended by '.'", list.describe());
        for (WireLine line : list.body()) {
            if (!line.text().matches("[0-9]+ [0-9]+( .*)?")) throw check.fail(list.step(), "scan listings 'n size'", line.visible());
        }
        Pop3Response uidl = pop3.readMulti("UIDL (3 of 4 in one write)");
        if (uidl.isOk()) {
            if (!uidl.terminated()) throw check.fail(uidl.step(), "the unique-id listing ended by '.'", uidl.describe());
            for (WireLine line : uidl.body()) {
                if (!line.text().matches("[0-9]+ [\\x21-\\x7E]{1,70}")) throw check.fail(uidl.step(), "unique-id listings 'n uid'", line.visible());
            }
        } else {
            uidl.expectErr();
        }
        Pop3Response noop = pop3.readStatus("NOOP (4 of 4 in one write)").expectOk();
        if (!noop.statusText().equals("+OK") && !noop.statusText().startsWith("+OK ")) throw check.fail(noop.step(), "+OK", noop.describe());
        pop3.connection().awaitAnyOctets(check.silence()).ifPresent(octets -> {
            throw check.fail("after the four responses", "nothing more (four commands, four responses)",
                    new String(octets, StandardCharsets.ISO_8859_1).strip());
        });
        pop3.send("QUIT").expectOk();
    }

    /*
     * §6.5 LOGIN-DELAY n: after a successful login the server refuses another one for n seconds, with
     * "-ERR [LOGIN-DELAY]" (§8.1.1) after the credentials, RECOMMENDED not already at USER (it would tell
     * which users exist). With the USER argument the value after login is the one for that user.
     */
    @Check(id = "POP-LOGINDELAY", level = Level.SHOULD, section = "6.5", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "with LOGIN-DELAY n (n > 0) a second login within n seconds gets -ERR [LOGIN-DELAY] after PASS, not at USER; with n = 0 it is accepted")
    void loginDelay(CheckContext check) {
        Account account = check.account();
        Pop3Probe first = check.pop3();
        first.greeting().expectOk();
        Pop3Capabilities before = Pop3Capabilities.query(first);
        Optional<Pop3Capabilities.Capability> advertised = before.get("LOGIN-DELAY");
        if (advertised.isEmpty()) check.skip("CAPA does not list LOGIN-DELAY");
        long delay = delay(check, advertised.get(), true);
        first.send("USER " + account.user()).expectOk();
        Pop3Response entered = first.send("PASS " + account.password());
        if (entered.isErr() && entered.text().startsWith("[LOGIN-DELAY]")) {
            check.observe("the first login was already refused with [LOGIN-DELAY] after an earlier check's login: the delay is enforced");
            first.quitQuietly();
            return;
        }
        entered.expectOk();
        Optional<Pop3Capabilities.Capability> userValue = Pop3Capabilities.query(first).get("LOGIN-DELAY");
        if (userValue.isPresent()) delay = delay(check, userValue.get(), false);
        first.send("QUIT").expectOk();

        Pop3Probe second = check.pop3();
        second.greeting().expectOk();
        Pop3Response user = second.send("USER " + account.user());
        if (user.isErr() && user.text().startsWith("[LOGIN-DELAY]")) {
            throw check.fail("USER right after a login", "+OK: [LOGIN-DELAY] only after the credentials (it would reveal the user exists)", user.describe());
        }
        user.expectOk();
        Pop3Response again = second.send("PASS " + account.password());
        if (delay > 0) {
            if (!again.isErr() || !again.text().startsWith("[LOGIN-DELAY]")) {
                throw check.fail("PASS right after a login (LOGIN-DELAY " + delay + ")", "-ERR [LOGIN-DELAY] ...", again.describe());
            }
        } else if (!again.isOk()) {
            throw check.fail("PASS right after a login (LOGIN-DELAY 0)", "+OK: no delay was announced", again.describe());
        }
        check.observe("LOGIN-DELAY " + delay + ": second login " + again.describe());
        second.quitQuietly();
    }

    private static long delay(CheckContext check, Pop3Capabilities.Capability capability, boolean authorization) {
        Matcher m = LOGIN_DELAY.matcher(String.join(" ", capability.arguments()));
        if (!m.matches() || (!authorization && m.group(2) != null)) {
            throw check.fail("CAPA", "'LOGIN-DELAY n'" + (authorization ? " or 'LOGIN-DELAY n USER'" : " (USER only before login)"),
                    capability.line().visible());
        }
        return Long.parseLong(m.group(1));
    }
}
