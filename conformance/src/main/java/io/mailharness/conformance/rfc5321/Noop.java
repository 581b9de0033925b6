package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.List;

@Section(rfc = "5321", number = "4.1.1.9", title = "NOOP (NOOP)")
public class Noop {
    /*
     * §4.1.1.9: NOOP "specifies no action other than that the receiver send a "250 OK" reply"; it does not
     * affect any parameter or previously entered command; a parameter "SHOULD" be ignored.
     */
    @Check(id = "SMTP-NOOP", level = Level.MUST,
            requirement = "NOOP gets 250 in every state, ignores a parameter, and leaves the transaction as it was")
    void noopEverywhere(CheckContext check) {
        SmtpProbe smtp = check.smtpGreeted();
        smtp.send("NOOP").expectCode(250);
        smtp.ehlo().expectCode(250);
        smtp.send("NOOP").expectCode(250);
        smtp.mail(check.sender()).expectCode(250);
        smtp.send("NOOP").expectCode(250);
        smtp.rcpt(check.account().address()).expectCode(250, 251);
        smtp.send("NOOP x").expectCodeElseWarn(5, 250);
        smtp.rcpt(otherAccount(check)).expectCode(250, 251); // the transaction is still open after NOOP x
        smtp.send("RSET").expectCode(250);
        smtp.send("QUIT");
    }

    /** A second account's address (the first again when there is one): postmaster is SMTP-ADDR-POSTMASTER's row. */
    private static String otherAccount(CheckContext check) {
        List<Account> accounts = check.target().accounts();
        return accounts.get(accounts.size() > 1 ? 1 : 0).address();
    }
}
