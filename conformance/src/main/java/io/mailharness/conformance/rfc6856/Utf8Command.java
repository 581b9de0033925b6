package io.mailharness.conformance.rfc6856;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Capabilities;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.result.Level;

@Section(rfc = "6856", number = "2", title = "UTF8 Capability")
public class Utf8Command {
    /*
     * §2: a server listing UTF8 in CAPA accepts the UTF8 command in the AUTHORIZATION state (+OK, the session
     * then carries UTF-8); the command is valid in that state only, so after login it gets -ERR.
     */
    @Check(id = "POP-UTF8", level = Level.MUST,
            requirement = "when CAPA lists UTF8: UTF8 before login gets +OK (and login still works); UTF8 after login gets -ERR")
    void utf8Command(CheckContext check) {
        Pop3Probe pop3 = check.pop3Greeted();
        if (!Pop3Capabilities.query(pop3).has("UTF8")) check.skip("CAPA does not list UTF8");
        pop3.send("UTF8").expectOk();
        check.login(pop3, check.account());
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business

        Pop3Probe loggedIn = check.pop3LoggedIn(check.account());
        loggedIn.send("UTF8").expectErr();
        loggedIn.send("QUIT");
    }
}
