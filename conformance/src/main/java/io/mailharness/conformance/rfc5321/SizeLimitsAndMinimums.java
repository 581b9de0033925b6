package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "4.5.3.1", title = "Size Limits and Minimums")
public class SizeLimitsAndMinimums {
    /*
     * §4.5.3.1.1-3: a local part of 64 octets, a domain of 255 octets and a path of 256 octets (with the angle
     * brackets) "MUST" be accepted; §4.5.3.1.9: longer objects may be refused ("501 Path too long", 553) or taken.
     * The 255-octet domain goes into EHLO, since within a 256-octet path a domain has at most 252 octets.
     */
    @Check(id = "SMTP-ADDR-LEN", level = Level.MUST,
            requirement = "a 64-octet local part, 255-octet domain and 256-octet path are not refused for length; longer ones get 250, 501 or 553")
    void addressLengths(CheckContext check) {
        String local64 = "l".repeat(64);
        String domain255 = longDomain(255, "example");
        String domainInPath = longDomain(252, check.domain());
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeted();
            notRefusedForLength(check, smtp.send("EHLO " + domain255), "a 255-octet domain");
            smtp.quitQuietly();
        }
        for (String[] path : new String[][] {{local64 + "@" + check.domain(), "a 64-octet local part"}, {"u@" + domainInPath, "a 256-octet path"}}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                notRefusedForLength(check, smtp.mail(path[0]), path[1]);
                smtp.quitQuietly();
            }
        }
        for (String over : new String[] {"l".repeat(65) + "@" + check.domain(), "u@" + longDomain(300, check.domain())}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                smtp.mail(over).expectCodeElseWarn(5, 250, 501, 553);
                smtp.quitQuietly();
            }
        }
    }

    private static void notRefusedForLength(CheckContext check, SmtpWireReply reply, String what) {
        if (!reply.isComplete() || reply.code() == 500 || reply.code() == 501 || reply.code() == 553) {
            throw check.fail(reply.step(), what + " accepted (not 500/501/553)", reply.describe());
        }
        if (reply.replyClass() != 2) {
            check.warn(reply.step(), what + " accepted", reply.describe() + " (refused for another reason, so the length could not be shown to pass)");
        }
    }

    /** A domain of exactly {@code length} octets ending in {@code parent}, made of labels of at most 63 octets. */
    static String longDomain(int length, String parent) {
        StringBuilder labels = new StringBuilder();
        char letter = 'a';
        for (int room = length - parent.length(); room > 0; letter++) { // each label is followed by a dot
            int size = Math.min(63, room - 1);
            if (room - 1 - size == 1) size--; // never leave room for a dot alone
            labels.append(String.valueOf(letter).repeat(size)).append('.');
            room -= size + 1;
        }
        return labels + parent;
    }
}
