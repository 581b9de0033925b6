package io.mailharness.conformance.rfc1939;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Octets;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.RawConnection;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@Section(rfc = "1939", number = "3", title = "Basic Operation")
public class BasicOperation {
    /*
     * §3: "the POP3 server MUST respond to an unrecognized, unimplemented, or syntactically invalid command
     * by responding with a negative status indicator", and the same for a command "issued in the incorrect
     * state". Two bad commands per connection at most (servers drop clients after a few).
     */
    @Check(id = "POP-STATE-TXCMD", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "before login STAT, LIST, RETR, DELE, NOOP, RSET, TOP and UIDL each get -ERR")
    void transactionCommandsBeforeLogin(CheckContext check) {
        List<String> commands = List.of("STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL");
        for (int i = 0; i < commands.size(); i += 2) {
            try (Pop3Probe pop3 = check.pop3()) {
                pop3.greeted();
                for (String command : commands.subList(i, Math.min(i + 2, commands.size()))) {
                    Pop3Response response = command.equals("LIST") || command.equals("UIDL") ? pop3.sendMulti(command) : pop3.send(command);
                    response.expectErr();
                }
                pop3.quitQuietly();
            }
        }
    }

    /* §7 (USER/PASS/APOP only in AUTHORIZATION), RFC 2595 §4 (STLS), RFC 5034 §4 (AUTH): -ERR after login. */
    @Check(id = "POP-STATE-AUTHCMD", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "after login USER, PASS, APOP, AUTH and STLS each get -ERR and the session stays in TRANSACTION")
    void authorizationCommandsAfterLogin(CheckContext check) {
        Account account = check.account();
        List<String> commands = List.of("USER " + account.user(), "PASS " + account.password(),
                "APOP " + account.user() + " 0123456789abcdef0123456789abcdef", "AUTH PLAIN", "STLS");
        for (int i = 0; i < commands.size(); i += 2) {
            try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
                for (String command : commands.subList(i, Math.min(i + 2, commands.size()))) {
                    pop3.send(command).expectErr();
                }
                pop3.send("STAT").expectOk();
                pop3.send("QUIT");
            }
        }
    }

    /* §3: an unknown command or an empty line gets -ERR; the session goes on. */
    @Check(id = "POP-UNKNOWN", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "an unknown command and an empty line each get -ERR, and the session goes on")
    void unknownCommands(CheckContext check) {
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeted();
            pop3.send("XYZZY").expectErr();
            pop3.send("").expectErr();
            pop3.user(check.account());
            pop3.quitQuietly();
        }
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        pop3.send("XYZZY").expectErr();
        pop3.send("NOOP").expectOk();
        pop3.send("QUIT");
    }

    /* §3: "Keywords are case-insensitive"; the status indicators are upper case. */
    @Check(id = "POP-CASE", level = Level.MUST,
            requirement = "command keywords are case-insensitive: stat, List, rEtR, noop work as upper case")
    void keywordsIgnoreCase(CheckContext check) {
        Account account = check.account();
        // the login in upper case first: when that fails, USER/PASS are broken (POP-USERPASS's rule), not their case
        check.pop3LoggedIn(account).quitQuietly();
        Pop3Probe pop3 = check.pop3Greeted();
        pop3.send("user " + account.user()).expectOk();
        pop3.send("pAsS " + account.password()).expectOk();
        pop3.send("stat").expectOk();
        Pop3Response list = pop3.sendMulti("List").expectOk();
        if (!list.body().isEmpty()) pop3.sendMulti("rEtR 1").expectOk();
        pop3.send("noop").expectOk();
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /* §3, §5: a message number must be a number of a message in the maildrop; extra or missing arguments are errors. */
    @Check(id = "POP-ARGS", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "RETR abc, 0, -1, 999999, no argument, two arguments, TOP without or with a negative line count: -ERR each")
    void badArguments(CheckContext check) {
        List<String> commands = List.of("RETR abc", "RETR 0", "RETR -1", "RETR 999999", "RETR", "RETR 1 2", "TOP 1", "TOP 1 -1");
        Account account = check.accountWithMessage(); // message 1 exists, so the -ERR is about the arguments
        for (int i = 0; i < commands.size(); i += 2) {
            try (Pop3Probe pop3 = check.pop3LoggedIn(account)) {
                for (String command : commands.subList(i, Math.min(i + 2, commands.size()))) {
                    pop3.sendMulti(command).expectErr();
                }
                pop3.send("QUIT");
            }
        }
    }

    /* §3: commands end with CRLF. What a server makes of a bare LF is not specified: recorded. */
    @Check(id = "POP-BARELF", level = Level.INFO, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "record: 'NOOP<LF>STAT<CRLF>' gets one -ERR (strict) or two responses (lenient)")
    void bareLineFeed(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.account());
        pop3.write("NOOP\nSTAT\r\n");
        Pop3Response first = pop3.readStatus("NOOP<LF>STAT<CRLF>");
        boolean second = pop3.connection().awaitAnyOctets(check.silence()).isPresent();
        check.observe("NOOP<LF>STAT<CRLF> -> " + first.describe() + (second ? " and a second response (lenient: LF ended a line)"
                : first.isErr() ? " only (strict)" : " only"));
        pop3.quitQuietly();
    }

    /* RFC 2449 §4: a server that answers CAPA "MUST" support command lines of up to 255 octets including CRLF. */
    @Check(id = "POP-CMDLEN", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "with CAPA (RFC 2449 §4) a 255-octet command line is processed, not refused as too long")
    void longCommandLines(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        if (!pop3.sendMulti("CAPA").isOk()) check.skip("no CAPA: the RFC 2449 line length does not apply");
        pop3.user(check.account());
        String line = "PASS " + "x".repeat(255 - "PASS ".length() - 2);
        Pop3Response response = pop3.send(line);
        if (!response.isComplete() || response.text().matches("(?i).*(too long|line length|exceed).*")) {
            throw check.fail("PASS <250 octets> (255 with CRLF)", "+OK or -ERR about the password, the line processed", response.describe());
        }
        pop3.quitQuietly();
    }

    /*
     * §3: a response is a status indicator and a keyword, possibly followed by more text, ended by CRLF, up to
     * 512 characters including the CRLF; the indicators are "+OK" and "-ERR", sent in upper case. RFC 2449 §4
     * keeps the first line of a response within 512 octets.
     */
    @Check(id = "POP-INV-STATUS", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "every status line starts '+OK' or '-ERR' (upper case) followed by SP or CRLF, ends with CRLF, and is at most 512 octets")
    void statusLines(CheckContext check) {
        Account account = check.accountWithMessage(); // so LIST 1, TOP 1 0 and RETR 1 are answered too
        Pop3Probe pop3 = check.pop3();
        List<Pop3Response> responses = new ArrayList<>();
        responses.add(pop3.greeting());
        responses.add(pop3.sendMulti("CAPA"));
        responses.add(pop3.send("USER " + account.user()));
        responses.add(pop3.send("PASS " + account.password()));
        responses.add(pop3.send("STAT"));
        Pop3Response list = pop3.sendMulti("LIST");
        responses.add(list);
        responses.add(pop3.sendMulti("UIDL"));
        if (list.isOk() && !list.body().isEmpty()) {
            responses.add(pop3.send("LIST 1"));
            responses.add(pop3.sendMulti("TOP 1 0"));
            responses.add(pop3.sendMulti("RETR 1"));
        }
        responses.add(pop3.send("NOOP"));
        responses.add(pop3.send("XYZZY"));
        responses.add(pop3.send("RSET"));
        Pop3Response quit = pop3.send("QUIT");
        if (!quit.closed()) responses.add(quit); // a QUIT answered by a close alone is POP-QUIT's rule
        for (Pop3Response response : responses) {
            Pop3Format.judgeStatusLine(response);
            if (response.status().wireLength() > Pop3Format.MAX_STATUS_LINE) {
                throw check.fail(response.step(), "a status line of at most " + Pop3Format.MAX_STATUS_LINE + " octets including CRLF",
                        response.status().wireLength() + " octets");
            }
        }
    }

    /*
     * §3: commands are answered by responses, one response per command: a status line, and for the commands
     * defined as multi-line a body ended by ".". Nothing is sent that no command asked for.
     */
    @Check(id = "POP-INV-ONE", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "every command gets exactly one response (status line, plus the body where the command has one) and nothing arrives unasked")
    void oneResponsePerCommand(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        pop3.expectSilence("after the greeting", check.silence());
        check.login(pop3, check.account()); // logging in is POP-USERPASS's rule
        pop3.send("STAT").expectOk();
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        if (!list.terminated()) throw check.fail("LIST", "a body ended by '.'", list.describe());
        pop3.expectSilence("after the LIST body", check.silence());
        pop3.send("NOOP").expectOk();
        pop3.expectSilence("after NOOP", check.silence());
        pop3.send("RSET").expectOk();
        pop3.expectSilence("after RSET", check.silence());
        pop3.send("XYZZY"); // which status it gets is POP-UNKNOWN's rule; that it is one response is this row's
        pop3.expectSilence("after the response to XYZZY", check.silence());
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /*
     * §3: a multi-line response ends with a line holding only "." (CRLF.CRLF); every line of it that starts
     * with "." is sent with one more "." in front (byte-stuffing), so no content line can end it early.
     */
    @Check(id = "POP-INV-MULTI", level = Level.MUST,
            requirement = "every multi-line response (CAPA, LIST, UIDL, TOP, RETR) ends with the line '.' and stuffs every line starting with '.'")
    void multiLineResponses(CheckContext check) {
        Account account = check.accountWithMessage(); // so TOP and RETR bodies are judged too
        Pop3Probe pop3 = check.pop3Greeted();
        List<Pop3Response> responses = new ArrayList<>();
        Pop3Response capa = pop3.sendMulti("CAPA");
        if (capa.isOk()) responses.add(capa);
        check.login(pop3, account);
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        responses.add(list);
        Pop3Response uidl = pop3.sendMulti("UIDL");
        if (uidl.isOk()) responses.add(uidl);
        for (int n = 1; n <= Math.min(20, list.body().size()); n++) {
            Pop3Response top = pop3.sendMulti("TOP " + n + " 0");
            if (top.isOk()) responses.add(top);
            responses.add(pop3.sendMulti("RETR " + n).expectOk());
        }
        for (Pop3Response response : responses) {
            if (!response.terminated()) throw check.fail(response.step(), "a body ended by the line '.' (CRLF.CRLF)", response.describe());
            for (WireLine line : response.body()) {
                String text = line.text();
                if (text.startsWith(".") && !text.startsWith("..")) {
                    throw check.fail(response.step(), "every line starting with '.' sent as '..' (byte-stuffed)", line.visible());
                }
            }
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /*
     * §3: a server may have an inactivity autologout timer of at least 10 minutes; when it fires the session
     * closes without a response and without entering the UPDATE state. The catalogue never verifies a timeout
     * by waiting for it, so this row only records the rule.
     */
    @Check(id = "POP-TIMEOUT", level = Level.INFO,
            requirement = "note only: an autologout timer is at least 10 minutes and closes without a response and without UPDATE (not verified: timeouts are never tested by waiting)")
    void autologoutTimer(CheckContext check) {
        check.observe("not verified: RFC 1939 §3 asks for an inactivity timer of at least 10 minutes that ends the session "
                + "without a response and without UPDATE; the suite does not wait that long (documented, not automated)");
    }

    /* §3: every line of a multi-line response that starts with "." is sent with one more "." in front. */
    @Check(id = "POP-RETR-STUFF", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "RETR byte-stuffs every line starting with '.' and the un-stuffed octets are the stored message")
    void retrieveStuffs(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "byte-stuffing",
                ".\r\n..x\r\n.x\r\nmiddle\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        for (WireLine line : found.retr().body()) {
            String text = line.text();
            if (text.startsWith(".") && !text.startsWith("..")) {
                throw check.fail("RETR " + found.number(), "every line starting with '.' sent as '..'", line.visible());
            }
        }
        found.expectBodyHolds(message.content()); // un-stuffed, the lines as sent
    }

    /*
     * §3: a multi-line response ends with CRLF "." CRLF. A stored message whose last line has no CRLF (possible
     * through BDAT, LMTP or IMAP APPEND) therefore needs a CRLF from the server before the terminating line,
     * or a client never sees the end of the response.
     */
    @Check(id = "POP-RETR-NOFINALCRLF", level = Level.MUST,
            modes = {Mode.MUTATES_MAILBOX, Mode.NEEDS_SETTING},
            requirement = "RETR of a message stored without a final CRLF adds one before the '.' line, so the response ends")
    void retrieveWithoutFinalLineEnd(CheckContext check) {
        Account account = check.disposableAccount();
        String lastLine = "last line without CRLF";
        TestMessage message = check.mailbox().message(account, "no final CRLF", Octets.ascii("first line\r\n" + lastLine));
        RawStorage.deliverByBdat(check, account, message);
        RawStorage.Located located = RawStorage.await(check, account, message.id());
        Pop3Probe pop3 = located.pop3();
        String step = "RETR " + located.number();
        pop3.write(step + "\r\n");
        pop3.readStatus(step).expectOk();
        WireLine previous = null;
        RawConnection.ReplyBounds bounds = pop3.connection().replyBounds(1024 * 1024); // a two-line message
        for (int i = 0; i < 100_000; i++) {
            WireLine line = pop3.connection().readLine(bounds);
            if (line.ending() != WireLine.Ending.CRLF && line.ending() != WireLine.Ending.BARE_LF) {
                throw check.fail(step, "the message, a CRLF added after its last line, then the line '.'",
                        "no terminating line: " + line.visible() + " (a client waits for the end of the response forever)");
            }
            if (line.ending() == WireLine.Ending.CRLF && line.text().equals(".")) break;
            if (line.text().equals(lastLine + ".")) {
                throw check.fail(step, "'" + lastLine + "' CRLF, then the line '.'",
                        line.visible() + " (the terminator ran into the last line; a client waits for the end forever)");
            }
            previous = line;
        }
        if (previous == null || !previous.text().equals(lastLine) || previous.ending() != WireLine.Ending.CRLF) {
            throw check.fail(step, "the last line '" + lastLine + "' ended by CRLF before '.'", previous == null ? "no body" : previous.visible());
        }
        pop3.send("QUIT");
    }

    /*
     * §3: every line of a multi-line response that starts with "." is byte-stuffed. A stored message with bare
     * LF or CR line ends holds lines a client may split there; a "." after such a line end must be stuffed too,
     * or the line can end the response early (or smuggle a fake end) at a client that splits at LF.
     */
    @Check(id = "POP-RETR-BARELF", level = Level.MUST,
            modes = {Mode.MUTATES_MAILBOX, Mode.NEEDS_SETTING},
            requirement = "RETR of a message with bare LF / bare CR lines stuffs a '.' at every line start, whether the line began after CRLF, LF or CR")
    void retrieveStuffsAfterBareLineEnds(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "bare line ends",
                Octets.ascii("bare\n.\nafter a bare LF\r\n.after CRLF\r\ncr\r.after a bare CR\r\nend\r\n"));
        RawStorage.deliverByBdat(check, account, message);
        RawStorage.Located located = RawStorage.await(check, account, message.id());
        Pop3Probe pop3 = located.pop3();
        Pop3Response retr = pop3.sendMulti("RETR " + located.number()).expectOk();
        if (!retr.terminated()) throw check.fail(retr.step(), "the message, then the line '.'", retr.describe());
        boolean bare = retr.body().stream().anyMatch(l -> l.ending() == WireLine.Ending.BARE_LF || l.hasBareCr());
        if (!bare) {
            pop3.send("QUIT");
            check.skip("the server stored the message with its bare line ends turned into CRLF: nothing to check");
        }
        for (WireLine line : retr.body()) {
            String[] starts = line.text().split("\r", -1);
            for (String start : starts) {
                if (start.startsWith(".") && !start.startsWith("..")) {
                    throw check.fail(retr.step(), "'..' wherever a line starts with '.' (after CRLF, bare LF or bare CR)", line.visible());
                }
            }
        }
        pop3.send("QUIT");
    }
}
