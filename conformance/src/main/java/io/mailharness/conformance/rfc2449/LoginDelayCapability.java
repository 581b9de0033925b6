package io.mailharness.conformance.rfc2449;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = "2449", number = "6.5", title = "LOGIN-DELAY capability")
public class LoginDelayCapability {
    /*
     * §6.5 LOGIN-DELAY n: after a successful login the server refuses another one for n seconds, with
     * "-ERR [LOGIN-DELAY]" (§8.1.1) after the credentials, RECOMMENDED not already at USER (it would tell
     * which users exist). With the USER argument the value after login is the one for that user.
     */
    @Check(id = "POP-LOGINDELAY", level = Level.SHOULD, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "with LOGIN-DELAY n (n > 0) a second login within n seconds gets -ERR [LOGIN-DELAY] after PASS, not at USER; with n = 0 it is accepted")
    void loginDelay(CheckContext check) {
        Account account = check.account();
        Pop3Probe first = check.pop3Greeted();
        Pop3Capabilities before = Pop3Capabilities.query(first);
        Optional<Pop3Capabilities.Capability> advertised = before.get("LOGIN-DELAY");
        if (advertised.isEmpty()) check.skip("CAPA does not list LOGIN-DELAY");
        long delay = delay(check, advertised.get(), true);
        first.user(account);
        Pop3Response entered = first.send("PASS " + account.password());
        if (entered.isErr() && entered.text().startsWith("[LOGIN-DELAY]")) {
            check.observe("the first login was already refused with [LOGIN-DELAY] after an earlier check's login: the delay is enforced");
            first.quitQuietly();
            return;
        }
        check.preamble(entered::expectOk); // a refused first login is POP-USERPASS's rule
        Optional<Pop3Capabilities.Capability> userValue = Pop3Capabilities.query(first).get("LOGIN-DELAY");
        if (userValue.isPresent()) delay = delay(check, userValue.get(), false);
        first.quitQuietly(); // QUIT's reply is POP-QUIT's business

        Pop3Probe second = check.pop3Greeted();
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
    private static final Pattern LOGIN_DELAY = Pattern.compile("([0-9]+)(?: (USER))?");
}
