package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.Pop3Format;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.util.regex.Matcher;

@Section(rfc = "1939", number = "11", title = "Message Format")
public class MessageFormat {
    /* §5 STAT and LIST, §11: the drop listing counts and sums exactly the messages LIST shows. */
    @Check(id = "POP-STAT-SUM", level = Level.MUST,
            requirement = "STAT's count is the number of LIST lines and its size the sum of LIST sizes")
    void statMatchesList(CheckContext check) {
        Pop3Probe pop3 = check.pop3LoggedIn(check.accountWithMessage()); // '+OK 0 0' for no LIST lines proves little
        Pop3Response stat = pop3.send("STAT").expectOk();
        long[] drop = check.preamble(() -> Pop3Format.dropListingNumbers(stat)); // STAT's shape is POP-STAT-FMT's rule
        Pop3Response list = pop3.sendMulti("LIST").expectOk();
        long sum = 0;
        for (WireLine line : list.body()) {
            Matcher scan = Pop3Format.SCAN_LISTING.matcher(line.text());
            if (!scan.matches()) throw check.fail("LIST", "scan listings 'n size'", line.visible());
            sum += Long.parseLong(scan.group(2));
        }
        String expected = list.body().size() + " messages, " + sum + " octets (from LIST)";
        if (drop[0] != list.body().size() || drop[1] != sum) {
            throw check.fail("STAT vs LIST", "STAT '+OK " + list.body().size() + " " + sum + "' (" + expected + ")", stat.describe());
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }

    /* §5 LIST gives "the exact size of the message in octets"; §11: CRLF counts two, stuffing dots are not counted. */
    @Check(id = "POP-RETR-SIZE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "LIST n equals the octets RETR n transfers, stuffing removed (a delivered message and up to 20 more)")
    void listSizeIsRetrSize(CheckContext check) {
        Account account = TransactionState.deliverSample(check);
        Pop3Probe pop3 = check.pop3LoggedIn(account);
        for (long[] message : TransactionState.first20(Mailbox.list(pop3))) {
            Pop3Response retr = pop3.sendMulti("RETR " + message[0]).expectOk();
            int octets = retr.unstuffedBody().length;
            if (octets != message[1]) {
                throw check.fail("LIST " + message[0] + " vs RETR " + message[0], "LIST size " + octets + " (the octets RETR sent)", "LIST says " + message[1]);
            }
        }
        pop3.quitQuietly(); // QUIT's reply is POP-QUIT's business
    }
}
