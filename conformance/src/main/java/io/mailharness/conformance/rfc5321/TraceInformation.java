package io.mailharness.conformance.rfc5321;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mailbox;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.MessageHeaders;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.message.TestMessage;
import io.mailharness.result.Level;
import io.mailharness.settings.Account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mailharness.conformance.wire.Octets.ascii;

@Section(rfc = "5321", number = "4.4", title = "Trace Information")
public class TraceInformation {
    /*
     * §4.4: on final delivery the server "MUST" put a Return-Path on top; every relay "MUST" add a Received field
     * whose FROM clause is required in SMTP and SHOULD hold the EHLO name and an address literal, ending in a
     * date-time (RFC 5322 §3.3). The field judged is the SMTP server's own, not one a delivery agent added on top.
     */
    @Check(id = "SMTP-DATA-TRACE", level = Level.MUST, modes = Mode.MUTATES_MAILBOX,
            requirement = "a delivered message starts with exactly one Return-Path, then a Received with FROM (EHLO name, address literal) and a date-time")
    void traceFields(CheckContext check) {
        Account account = check.disposableAccount();
        TestMessage message = check.mailbox().message(account, "trace fields", ascii("body\r\n"));
        check.mailbox().deliver(account, message);
        Mailbox.Found found = check.mailbox().await(account, message.id());
        String step = "RETR " + found.number();
        List<String> fields = MessageHeaders.fields(found.octets());
        long returnPaths = fields.stream().filter(f -> MessageHeaders.hasName(f, "Return-Path")).count();
        if (returnPaths != 1) throw check.fail(step, "exactly one Return-Path field", returnPaths + " of them");
        if (!MessageHeaders.hasName(fields.get(0), "Return-Path")) throw check.fail(step, "Return-Path as the first field", fields.get(0));
        List<String> receivedFields = fields.stream().filter(f -> MessageHeaders.hasName(f, "Received")).toList();
        if (receivedFields.isEmpty()) throw check.fail(step, "a Received field", "none");
        String received = ownReceived(receivedFields);
        Matcher from = RECEIVED_FROM.matcher(received);
        if (!from.find()) throw check.fail(step, "a Received field with a FROM clause", received);
        int semicolon = received.lastIndexOf(';');
        String date = semicolon < 0 ? "" : received.substring(semicolon + 1).replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
        if (!RFC5322_DATE.matcher(date).matches()) {
            throw check.fail(step, "a Received field ending in '; date-time' (RFC 5322 §3.3)", received);
        }
        String clause = from.group(1);
        if (!clause.toLowerCase(Locale.ROOT).contains(SmtpProbe.CLIENT_DOMAIN)) {
            check.warn(step, "the FROM clause names the EHLO domain " + SmtpProbe.CLIENT_DOMAIN, received);
        }
        if (!ADDRESS_LITERAL.matcher(clause).find()) {
            check.warn(step, "the FROM clause holds the client's address literal", received);
        }
    }

    /*
     * §2.3.8: only CRLF ends a line, so a CR inside a command is no line end; §4.4: what a client says ends up in
     * trace fields. A CR in the EHLO domain or the reverse-path must be refused, or at least never become a
     * header field of its own in the delivered message. Each probe on its own connection.
     */
    @Check(id = "SMTP-DATA-HDRINJ", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a CR hidden in the EHLO domain or the reverse-path is refused, or never becomes an X-Injected header field")
    void headerInjection(CheckContext check) {
        Account account = check.disposableAccount();
        String sender = check.sender();
        injectionProbe(check, account, "EHLO " + SmtpProbe.CLIENT_DOMAIN + "\rX-Injected: 1", "MAIL FROM:<" + sender + ">");
        injectionProbe(check, account, "EHLO " + SmtpProbe.CLIENT_DOMAIN, "MAIL FROM:<" + sender + "\rX-Injected: 1>");
    }

    /**
     * The SMTP server's own Received field: the topmost whose FROM clause names the EHLO domain. A local delivery
     * agent behind the SMTP server (Cyrus lmtpd, say) may add its own field above it, naming the SMTP host instead.
     * When none names the EHLO domain, the top one (whose missing EHLO name is then warned about).
     */
    private static String ownReceived(List<String> received) {
        return received.stream().filter(field -> {
            Matcher from = RECEIVED_FROM.matcher(field);
            return from.find() && from.group(1).toLowerCase(Locale.ROOT).contains(SmtpProbe.CLIENT_DOMAIN);
        }).findFirst().orElse(received.get(0));
    }

    private static final Pattern RECEIVED_FROM = Pattern.compile("(?i)^Received:\\s*from\\s+(.*?)(?=\\s+(by|via|with|id|for)\\s|;|$)");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(IPv6:)?[0-9A-Fa-f:.]+]");
    private static final Pattern RFC5322_DATE = Pattern.compile(
            "((Mon|Tue|Wed|Thu|Fri|Sat|Sun), ?)?\\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}(:\\d{2})? ([+-]\\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z])");

    private static void injectionProbe(CheckContext check, Account account, String ehlo, String mail) {
        TestMessage message = check.mailbox().message(account, "header injection", ascii("body\r\n"));
        try (SmtpProbe smtp = check.smtp()) {
            smtp.greeted();
            for (String command : new String[] {ehlo, mail}) {
                SmtpWireReply reply = smtp.sendOneReply(command); // one reply per command is SMTP-INV-ONE's rule
                if (reply.replyClass() != 2) {
                    if (reply.replyClass() == 3 || (reply.isComplete() && reply.replyClass() < 2)) {
                        throw check.fail(command, "a refusal (501) or 250", reply.describe());
                    }
                    smtp.quitQuietly();
                    return; // refused: conforming
                }
            }
            smtp.rcpt(account.address()).expectCode(250, 251);
            smtp.data();
            smtp.content(message.content()).expectCode(250);
            smtp.quitQuietly();
        }
        Mailbox.Found found = check.mailbox().await(account, message.id());
        String head = new String(found.octets(), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        for (String line : (end < 0 ? head : head.substring(0, end)).split("[\r\n]+")) {
            if (line.regionMatches(true, 0, "X-Injected:", 0, 11)) {
                throw check.fail("RETR " + found.number() + " after '" + Transcript.visible(ehlo.contains("\r") ? ehlo : mail) + "'",
                        "no X-Injected header field", (head.contains("\r\nX-Injected") ? "the CR became CRLF: " : "the CR was stored raw in a "
                                + "header field, so a reader taking a bare CR as a line end (RFC 5322 parsers often do) sees ") + "'" + line + "' as a field of its own");
            }
        }
    }
}
