package io.mailharness.conformance.e2e;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.MessageHeaders;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Section(rfc = {"5321", "1939"}, number = "7.2", title = "End to end: blind copies")
public class BlindCopies {
    private static final Pattern FOR_CLAUSE = Pattern.compile("(?i)\\bfor\\s+((?:<[^>]*>\\s*,?\\s*)+)");

    /*
     * RFC 5321 §7.2: copies to several recipients SHOULD NOT reveal the other recipients (Bcc); §4.4: the FOR clause
     * of a Received field names exactly one path.
     */
    @Check(id = "E2E-BCC", level = Level.SHOULD, modes = Mode.MUTATES_MAILBOX, maildrops = 2,
            requirement = "one transaction to two recipients: no header the server adds names both, and 'for' names at most one path")
    void blindCopies(CheckContext check) {
        List<Account> accounts = check.disposableAccounts(2);
        Account first = accounts.get(0);
        Account second = accounts.get(1);
        TestMessage message = check.mailbox().message(first, "two recipients, one visible", "blind copy test\r\n".getBytes(StandardCharsets.US_ASCII));
        SmtpProbe smtp = check.smtpAfterEhlo();
        smtp.openTransaction(check.sender(), first.address());
        smtp.rcpt(second.address()).expectCode(250, 251);
        smtp.data();
        smtp.content(message.content()).expectCode(250);
        smtp.send("QUIT");
        for (Account account : accounts) {
            byte[] stored = check.mailbox().await(account, message.id()).octets();
            for (String field : MessageHeaders.fields(stored)) {
                String lower = field.toLowerCase(Locale.ROOT);
                if (lower.contains(first.address().toLowerCase(Locale.ROOT)) && lower.contains(second.address().toLowerCase(Locale.ROOT))) {
                    throw check.fail("headers of the copy for " + account.address(), "no header field naming both recipients", field);
                }
                if (lower.startsWith("received:")) {
                    Matcher m = FOR_CLAUSE.matcher(field);
                    if (m.find() && m.group(1).chars().filter(c -> c == '<').count() > 1) {
                        throw check.fail("Received field of the copy for " + account.address(), "a FOR clause with at most one path", field);
                    }
                }
            }
        }
    }
}
