package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.reports.conformance.Level;
import io.mailharness.target.Account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "1939", number = "4", title = "The AUTHORIZATION State")
public class AuthorizationState {
    /* §4: once the connection is open the server "issues a one line greeting" with a positive status. */
    @Check(id = "POP-GRT", level = Level.MUST,
            requirement = "the greeting is one '+OK' line (upper case, CRLF-terminated)")
    void greeting(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        Pop3Format.judgeStatusLine(pop3.greeting());
        pop3.greeting().expectOk();
        pop3.send("QUIT").expectOk();
    }

    /*
     * §7 USER/PASS: USER names the maildrop, PASS with the right password enters TRANSACTION, where STAT
     * answers a drop listing. §6: QUIT in AUTHORIZATION gets +OK and the server closes.
     */
    @Check(id = "POP-USERPASS", level = Level.MUST, section = "7",
            requirement = "USER then PASS log in (+OK, +OK, STAT '+OK n m'); QUIT before login gets +OK and a close")
    void userThenPass(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeting().expectOk();
            pop3.send("USER " + account.user()).expectOk();
            pop3.send("PASS " + account.password()).expectOk();
            Pop3Response stat = pop3.send("STAT").expectOk();
            if (!Pop3Format.DROP_LISTING.matcher(stat.statusText()).matches()) {
                throw check.fail("STAT", "'+OK nn mm'", stat.describe());
            }
            pop3.send("QUIT").expectOk();
        }
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("QUIT").expectOk();
        pop3.expectClosed("after QUIT in AUTHORIZATION", check.closeWait());
    }

    /*
     * §7 PASS: only right after a successful USER; a wrong password gets -ERR. §4: after a failed login the
     * server may close the connection.
     */
    @Check(id = "POP-PASS-ORDER", level = Level.MUST, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "PASS without USER gets -ERR; a wrong password gets -ERR and a retry with the right one works (or the server closes)")
    void passOrder(CheckContext check) {
        Account account = check.account();
        try (Pop3Probe pop3 = check.pop3()) {
            pop3.greeting().expectOk();
            pop3.send("PASS " + account.password()).expectErr();
            pop3.quitQuietly();
        }
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        pop3.send("USER " + account.user()).expectOk();
        pop3.send("PASS wrong-" + account.password()).expectErr();
        Pop3Response retry = pop3.send("USER " + account.user());
        if (retry.closed()) {
            check.observe("the server closed the connection after the failed PASS (allowed by §4)");
            return;
        }
        retry.expectOk();
        pop3.send("PASS " + account.password()).expectOk();
        pop3.send("QUIT").expectOk();
    }

    /*
     * §7 APOP (optional): the greeting carries a msg-id-shaped timestamp that "MUST be different each time the
     * POP3 server issues a banner greeting"; APOP name digest (MD5 of timestamp and secret, lower-case hex)
     * logs in, a wrong digest gets -ERR.
     */
    @Check(id = "POP-APOP", level = Level.MUST, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when the greeting offers APOP: a new timestamp per greeting, the right digest logs in, a wrong one gets -ERR")
    void apop(CheckContext check) {
        Account account = check.account();
        Pop3Probe first = check.pop3();
        String stamp = timestamp(first.greeting().expectOk());
        if (stamp == null) check.skip("the greeting has no <timestamp>: APOP is not offered");
        Pop3Probe second = check.pop3();
        String again = timestamp(second.greeting().expectOk());
        if (stamp.equals(again)) throw check.fail("two greetings", "a different timestamp each time", stamp + " twice");
        second.send("APOP " + account.user() + " " + md5Hex(again + account.password())).expectOk();
        second.send("QUIT");
        first.send("APOP " + account.user() + " " + md5Hex(stamp + "wrong-" + account.password())).expectErr();
        first.quitQuietly();
    }

    /* RFC 3206 §4, RFC 2449 §8: with AUTH-RESP-CODE or RESP-CODES, refused credentials "SHOULD" say [AUTH]. */
    @Check(id = "POP-RESPCODE-AUTH", level = Level.SHOULD, section = "7", modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "when CAPA lists AUTH-RESP-CODE or RESP-CODES, a refused login says '-ERR [AUTH] ...'")
    void authResponseCode(CheckContext check) {
        Pop3Probe pop3 = check.pop3();
        pop3.greeting().expectOk();
        Pop3Response capa = pop3.sendMulti("CAPA");
        boolean offered = capa.isOk() && capa.body().stream().map(l -> l.text().toUpperCase(java.util.Locale.ROOT))
                .anyMatch(c -> c.equals("AUTH-RESP-CODE") || c.equals("RESP-CODES"));
        if (!offered) check.skip("CAPA lists neither AUTH-RESP-CODE nor RESP-CODES");
        pop3.send("USER " + check.account().user()).expectOk();
        Pop3Response refused = pop3.send("PASS wrong-" + check.account().password()).expectErr();
        if (!refused.text().startsWith("[AUTH]")) {
            throw check.fail("PASS with a wrong password", "-ERR [AUTH] ...", refused.describe());
        }
        pop3.quitQuietly();
    }

    private static String timestamp(Pop3Response greeting) {
        Matcher m = Pattern.compile("<[^<>@\\s]+@[^<>\\s]+>").matcher(greeting.text());
        return m.find() ? m.group() : null;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
