package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3ReplyRewrite;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyRewrite;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.store.DeliveryRewrite;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Behaviours of real servers that differ from the conforming baseline where the RFCs leave a choice (a refusal
 * code, a refused repeat greeting, a disabled command), plus the few near them that do break a rule. The
 * conformance suite runs its checks against them to show that a check judges its own rule only: each of these
 * was seen on a real server (OpenSMTPD, Courier MTA, Sendmail, Exim, Postfix, Mailutils, solid-pop3d).
 */
public final class AllowedVariantFaults {
    private AllowedVariantFaults() {}

    // ---- STARTTLS (RFC 3207 names no code for STARTTLS inside TLS, nor for one inside a transaction) ----

    public static final Fault SMTP_STARTTLS_INSIDE_TLS_554 = new SmtpReplyRewrite("SMTP_STARTTLS_INSIDE_TLS_554",
            "STARTTLS inside TLS refused with 554 (Postfix; any 5yz conforms)",
            SmtpStage.STARTTLS, (reply, state) -> reply.code() == 503 && state.tls(), reply -> SmtpReply.of(554, "5.5.1 Error: TLS already active"));

    public static final Fault SMTP_STARTTLS_INSIDE_TLS_454 = new SmtpReplyRewrite("SMTP_STARTTLS_INSIDE_TLS_454",
            "STARTTLS inside TLS refused with 454, a temporary refusal that invites a retry (Sendmail)",
            SmtpStage.STARTTLS, (reply, state) -> reply.code() == 503 && state.tls(), reply -> SmtpReply.of(454, "4.3.3 TLS not available after start"));

    // ---- pipelined input (OpenSMTPD's guard) ----

    public static final Fault SMTP_NOOP_REFUSES_PIPELINED_INPUT = new SmtpCommandVariant("SMTP_NOOP_REFUSES_PIPELINED_INPUT",
            "NOOP with more client input already waiting is refused '500 5.5.1 Invalid command: Pipelining not supported' and the connection closed (OpenSMTPD 6.8)",
            "NOOP", original -> (session, argument) -> {
                if (session.reader().buffered() > 0) {
                    session.reply(SmtpStage.NOOP, SmtpReply.of(500, "5.5.1 Invalid command: Pipelining not supported").thenClose());
                } else {
                    original.execute(session, argument);
                }
            });

    public static final Fault SMTP_SIZE_AFTER_HELO_TAKEN = new SmtpReplyRewrite("SMTP_SIZE_AFTER_HELO_TAKEN",
            "MAIL with SIZE= after HELO accepted (Postfix, Exim, Sendmail: the server recognises SIZE; RFC 5321 §4.1.1.2 binds the client)",
            SmtpStage.MAIL, (reply, state) -> reply.code() == 555 && !state.esmtp(), reply -> SmtpReply.of(250, "2.1.0 Ok"));
}
