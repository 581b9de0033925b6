package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.reports.conformance.Level;
import io.mailharness.target.Account;

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
                pop3.greeting().expectOk();
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
            pop3.greeting().expectOk();
            pop3.send("XYZZY").expectErr();
            pop3.send("").expectErr();
            pop3.send("USER " + check.account().user()).expectOk();
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
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("user " + account.user()).expectOk();
        pop3.send("pAsS " + account.password()).expectOk();
        pop3.send("stat").expectOk();
        Pop3Response list = pop3.sendMulti("List").expectOk();
        if (!list.body().isEmpty()) pop3.sendMulti("rEtR 1").expectOk();
        pop3.send("noop").expectOk();
        pop3.send("quit").expectOk();
    }

    /* §3, §5: a message number must be a number of a message in the maildrop; extra or missing arguments are errors. */
    @Check(id = "POP-ARGS", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "RETR abc, 0, -1, 999999, no argument, two arguments, TOP without or with a negative line count: -ERR each")
    void badArguments(CheckContext check) {
        List<String> commands = List.of("RETR abc", "RETR 0", "RETR -1", "RETR 999999", "RETR", "RETR 1 2", "TOP 1", "TOP 1 -1");
        for (int i = 0; i < commands.size(); i += 2) {
            try (Pop3Probe pop3 = check.pop3LoggedIn(check.account())) {
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
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        if (!pop3.sendMulti("CAPA").isOk()) check.skip("no CAPA: the RFC 2449 line length does not apply");
        pop3.send("USER " + check.account().user()).expectOk();
        String line = "PASS " + "x".repeat(255 - "PASS ".length() - 2);
        Pop3Response response = pop3.send(line);
        if (!response.isComplete() || response.text().matches("(?i).*(too long|line length|exceed).*")) {
            throw check.fail("PASS <250 octets> (255 with CRLF)", "+OK or -ERR about the password, the line processed", response.describe());
        }
        pop3.quitQuietly();
    }
}
