package io.mailharness.conformance.rfc1939;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.message.TestMessage;
import io.mailharness.settings.Account;
import org.awaitility.core.ConditionTimeoutException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stored messages SMTP's DATA cannot produce (no final CRLF, bare LF or CR lines), made with BDAT (RFC 3030
 * §2: the chunk octets are taken as they are) when the target offers CHUNKING, then found by POP3 without
 * retrieving them, so that a check can read the one RETR that matters with its own bounds.
 */
final class RawStorage {
    private RawStorage() {}

    /** A message found by its harness id in an open session. */
    record Located(Pop3Probe pop3, int number) {}

    /**
     * Delivers {@code message} byte-exact with {@code BDAT n LAST}; SKIPs the check when CHUNKING is not
     * offered or the server refuses the content (it then cannot hold such a message).
     */
    static void deliverByBdat(CheckContext check, Account to, TestMessage message) {
        SmtpProbe smtp = check.smtpGreeted();
        SmtpWireReply ehlo = smtp.ehlo().expectCode(250);
        boolean chunking = ehlo.lines().stream().skip(1)
                .anyMatch(l -> l.text().length() > 4 && l.text().substring(4).trim().toUpperCase(Locale.ROOT).equals("CHUNKING"));
        if (!chunking) check.skip("EHLO does not list CHUNKING: without BDAT, SMTP cannot store such a message (needs another way in)");
        smtp.openTransaction("conformance@" + check.domain(), to.address());
        byte[] content = message.content();
        smtp.write("BDAT " + content.length + " LAST\r\n");
        smtp.write(content);
        SmtpWireReply stored = smtp.readReply("BDAT " + content.length + " LAST + <message octets>");
        if (stored.replyClass() == 5 || stored.replyClass() == 4) {
            check.skip("the server refused to store the message by BDAT (" + stored.describe() + ")");
        }
        stored.expectCode(250);
        smtp.quitQuietly();
    }

    /** Waits (bounded by the delivery wait) until a session lists the message, found by TOP n 0 only. */
    static Located await(CheckContext check, Account account, String id) {
        String[] lastProblem = {""};
        try {
            return Mailbox.looking("message " + id + " in the maildrop of " + account.address(), check.deliveryWait())
                    .until(() -> locate(check, account, id, lastProblem), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw CheckContext.blocked(new CheckFailure("wait for delivery", // losing mail is E2E-ROUNDTRIP's rule
                    "message " + id + " listed within " + check.deliveryWait().toMillis() + " ms",
                    "not found" + (lastProblem[0].isBlank() ? "" : " (last attempt: " + lastProblem[0] + ")")));
        }
    }

    private static Optional<Located> locate(CheckContext check, Account account, String id, String[] lastProblem) {
        Pop3Probe pop3;
        try {
            pop3 = check.pop3LoggedIn(account);
        } catch (CheckFailure e) {
            lastProblem[0] = e.step() + ": " + e.actual();
            return Optional.empty();
        }
        List<long[]> listing = Mailbox.list(pop3);
        String wanted = (TestMessage.ID_HEADER + ": " + id).toLowerCase(Locale.ROOT);
        for (int i = listing.size() - 1; i >= 0 && i >= listing.size() - 50; i--) {
            int number = (int) listing.get(i)[0];
            Pop3Response top = pop3.sendMulti("TOP " + number + " 0");
            if (!top.isOk()) {
                pop3.quitQuietly();
                lastProblem[0] = "TOP is needed to find the message without retrieving it: " + top.describe();
                return Optional.empty();
            }
            for (WireLine line : top.body()) {
                if (line.text().toLowerCase(Locale.ROOT).equals(wanted)) return Optional.of(new Located(pop3, number));
            }
        }
        pop3.quitQuietly();
        lastProblem[0] = "not listed yet";
        return Optional.empty();
    }
}
