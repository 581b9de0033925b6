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

    // ---- EHLO (RFC 5321 §4.1.4: a later EHLO resets only "if ... acceptable to the SMTP server") ----

    public static final Fault SMTP_SECOND_EHLO_503 = new SmtpCommandVariant("SMTP_SECOND_EHLO_503",
            "a second EHLO in a session is refused with 503 and the session state kept (OpenSMTPD; allowed by RFC 5321 §4.1.4)", "EHLO",
            original -> (session, argument) -> {
                if (session.state().greeted()) session.reply(SmtpStage.EHLO, SmtpReply.of(503, "5.5.1 Invalid command: Already identified"));
                else original.execute(session, argument);
            });

    // ---- refusal codes RFC 5321 leaves open ----

    public static final Fault SMTP_MAIL_SYNTAX_553 = mailWithoutPath("SMTP_MAIL_SYNTAX_553",
            "'MAIL FROM:' without a path answered 553 'mailbox syntax incorrect' instead of 501 (OpenSMTPD, Sendmail)",
            SmtpReply.of(553, "5.1.0 Sender address syntax error"));

    public static final Fault SMTP_MAIL_SYNTAX_554 = mailWithoutPath("SMTP_MAIL_SYNTAX_554",
            "'MAIL FROM:' without a path answered 554 instead of 501 (Courier MTA): a refusal off RFC 5321's list",
            SmtpReply.of(554, "Syntax error - your mail software violates RFC 821."));

    private static Fault mailWithoutPath(String name, String description, SmtpReply refusal) {
        return new SmtpCommandVariant(name, description, "MAIL", original -> (session, argument) -> {
            if (argument.strip().equalsIgnoreCase("FROM:")) session.reply(SmtpStage.MAIL, refusal);
            else original.execute(session, argument);
        });
    }

    public static final Fault SMTP_RCPT_WITHOUT_MAIL_502 = new SmtpReplyRewrite("SMTP_RCPT_WITHOUT_MAIL_502",
            "RCPT without a transaction refused with 502 instead of 503 (Courier MTA; RFC 5321 §3.3 wants 503)",
            SmtpStage.RCPT, (reply, state) -> reply.code() == 503, reply -> SmtpReply.of(502, "ESMTP command error"));

    public static final Fault SMTP_NO_POSTMASTER = new SmtpCommandVariant("SMTP_NO_POSTMASTER",
            "RCPT TO:<postmaster@domain> refused as an unknown user (RFC 5321 §4.5.1 wants it; Courier MTA set-up)", "RCPT",
            original -> (session, argument) -> {
                if (argument.toLowerCase(Locale.ROOT).startsWith("to:<postmaster@")) session.reply(SmtpStage.RCPT, SmtpReply.of(550, "User <postmaster> unknown"));
                else original.execute(session, argument);
            });

    // ---- EXPN (RFC 5321 §3.5.2: listed "if supported"; §7.3: may be disabled) ----

    public static final Fault SMTP_EXPN_DISABLED_252 = new SmtpReplyRewrite("SMTP_EXPN_DISABLED_252",
            "EXPN answered '252 EXPN disabled' and not listed (Courier MTA; RFC 5321 §7.3)",
            SmtpStage.EXPN, reply -> SmtpReply.of(252, "EXPN disabled"));

    public static final Fault SMTP_EXPN_POLICY_550 = new SmtpReplyRewrite("SMTP_EXPN_POLICY_550",
            "EXPN refused by policy with 550 and not listed (Exim without an ACL allowing it)",
            SmtpStage.EXPN, reply -> SmtpReply.of(550, "Administrative prohibition"));

    public static final Fault SMTP_EXPN_WORKS_UNLISTED = new SmtpReplyRewrite("SMTP_EXPN_WORKS_UNLISTED",
            "EXPN expands the list (250) but the EHLO reply does not list EXPN (RFC 5321 §3.5.2: MUST be listed)",
            SmtpStage.EXPN, reply -> SmtpReply.of(250, "2.1.5 <postmaster@localhost>"));

    // ---- STARTTLS (RFC 3207 names no code for STARTTLS inside TLS, nor for one inside a transaction) ----

    public static final Fault SMTP_STARTTLS_INSIDE_TLS_554 = new SmtpReplyRewrite("SMTP_STARTTLS_INSIDE_TLS_554",
            "STARTTLS inside TLS refused with 554 (Postfix; any 5yz conforms)",
            SmtpStage.STARTTLS, (reply, state) -> reply.code() == 503 && state.tls(), reply -> SmtpReply.of(554, "5.5.1 Error: TLS already active"));

    public static final Fault SMTP_STARTTLS_INSIDE_TLS_454 = new SmtpReplyRewrite("SMTP_STARTTLS_INSIDE_TLS_454",
            "STARTTLS inside TLS refused with 454, a temporary refusal that invites a retry (Sendmail)",
            SmtpStage.STARTTLS, (reply, state) -> reply.code() == 503 && state.tls(), reply -> SmtpReply.of(454, "4.3.3 TLS not available after start"));

    public static final Fault SMTP_STARTTLS_IN_TRANSACTION_503 = new SmtpCommandVariant("SMTP_STARTTLS_IN_TRANSACTION_503",
            "STARTTLS inside a mail transaction refused with 503 (Sendmail; RFC 3207 does not oblige a server to start TLS there)", "STARTTLS",
            original -> (session, argument) -> {
                if (session.state().transaction() != null) session.reply(SmtpStage.STARTTLS, SmtpReply.of(503, "5.5.0 TLS not permitted during a mail transaction"));
                else original.execute(session, argument);
            });

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

    public static final Fault SMTP_NOOP_ARGUMENT_500 = new SmtpCommandVariant("SMTP_NOOP_ARGUMENT_500",
            "NOOP with a parameter refused with 500 (OpenSMTPD; RFC 5321 §4.1.1.9: SHOULD be ignored)", "NOOP",
            original -> (session, argument) -> {
                if (!argument.isEmpty()) session.reply(SmtpStage.NOOP, SmtpReply.of(500, "5.5.4 Invalid command arguments: command does not accept arguments."));
                else original.execute(session, argument);
            });

    // ---- trace fields (RFC 5321 §4.4: each hop adds its own Received field on top) ----

    public static final Fault STORE_DELIVERY_AGENT_RECEIVED_ON_TOP = new DeliveryRewrite("STORE_DELIVERY_AGENT_RECEIVED_ON_TOP",
            "a local delivery agent behind the SMTP server adds its own Received field on top (Cyrus lmtpd behind Postfix)",
            deliveries -> deliveries.stream().map(d -> d.withContent(new String(d.content(), StandardCharsets.ISO_8859_1).replaceFirst(
                    "^(Return-Path: [^\r]*\r\n)", "$1Received: from mail.example ([unix socket])\r\n\tby mail.example (lmtpd) with LMTPA;\r\n"
                            + "\tSat, 5 Dec 2026 12:00:00 +0000\r\n").getBytes(StandardCharsets.ISO_8859_1))).toList());

    // ---- POP3 ----

    public static final Fault POP3_APOP_SECRET_APART = new Pop3ReplyRewrite("POP3_APOP_SECRET_APART",
            "APOP checks a secret kept apart from the login password (Mailutils' APOP database, solid-pop3d), so the password's digest gets -ERR",
            Pop3Stage.APOP, reply -> Pop3Reply.err("[AUTH] Bad login"));
}
