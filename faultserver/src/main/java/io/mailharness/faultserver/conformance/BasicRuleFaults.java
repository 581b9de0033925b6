package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.pop3.MaildropSnapshot;
import io.mailharness.faultserver.pop3.Pop3CommandVariant;
import io.mailharness.faultserver.pop3.Pop3Phase;
import io.mailharness.faultserver.pop3.Pop3ReplyFault;
import io.mailharness.faultserver.pop3.Pop3State;
import io.mailharness.faultserver.store.Delivery;
import io.mailharness.faultserver.store.DeliveryRewrite;
import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3ReplyRewrite;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.smtp.MailTransaction;
import io.mailharness.faultserver.smtp.MessageDataVariant;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpSession;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyRewrite;
import io.mailharness.faultserver.smtp.SmtpStage;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Faults that each break one rule of RFC 5321 or RFC 1939, built on the server's public hooks: the conformance
 * suite proves each of its checks able to fail with one of them.
 */
public final class BasicRuleFaults {
    private BasicRuleFaults() {}

    // ---- SMTP replies (RFC 5321 §4.2) ----

    public static final Fault SMTP_REPLY_BARE_CR = new SmtpReplyRewrite("SMTP_REPLY_BARE_CR",
            "NOOP reply holds a bare CR (RFC 5321 §2.3.8: lines end CRLF only)",
            SmtpStage.NOOP, reply -> SmtpReply.raw(250, "250 2.0.0\rOK"));

    public static final Fault SMTP_NOOP_TWO_REPLIES = new SmtpReplyRewrite("SMTP_NOOP_TWO_REPLIES",
            "NOOP answered with two complete replies (RFC 5321 §4.2: exactly one reply per command)",
            SmtpStage.NOOP, reply -> SmtpReply.raw(250, "250 2.0.0 OK", "250 2.0.0 OK again"));

    public static final Fault SMTP_GREETING_NO_DOMAIN = new SmtpReplyRewrite("SMTP_GREETING_NO_DOMAIN",
            "greeting '220 ' without the server's domain (RFC 5321 §4.2 Greeting)",
            SmtpStage.GREETING, reply -> SmtpReply.of(220, ""));

    // ---- EHLO / HELO (RFC 5321 §4.1.1.1, §4.1.4) ----

    public static final Fault SMTP_EHLO_BAD_KEYWORD = new SmtpReplyRewrite("SMTP_EHLO_BAD_KEYWORD",
            "EHLO lists the keyword X_UNDERSCORE (RFC 5321 §4.1.1.1 ehlo-keyword)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250,
            reply -> {
                List<String> texts = new ArrayList<>(reply.texts());
                texts.add(1, "X_UNDERSCORE");
                return SmtpReply.of(250, texts.toArray(String[]::new));
            });

    public static final Fault SMTP_EHLO_WITHOUT_DOMAIN_ACCEPTED = new SmtpCommandVariant("SMTP_EHLO_WITHOUT_DOMAIN_ACCEPTED",
            "EHLO without a domain answered 250 (RFC 5321 §4.1.1.1: the domain is required)", "EHLO",
            original -> (session, argument) -> {
                if (argument.isEmpty()) session.reply(SmtpStage.EHLO, SmtpReply.of(250, "localhost"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_EHLO_KEEPS_TRANSACTION = new SmtpCommandVariant("SMTP_EHLO_KEEPS_TRANSACTION",
            "a second EHLO does not reset the open transaction (RFC 5321 §4.1.4)", "EHLO",
            original -> (session, argument) -> {
                if (session.state().transaction() != null && !argument.isEmpty()) {
                    session.reply(SmtpStage.EHLO, SmtpReply.of(250, "localhost greets " + argument));
                } else {
                    original.execute(session, argument);
                }
            });

    // ---- RSET, NOOP, VRFY, HELP (RFC 5321 §4.1.1.5, .9, §3.5) ----

    public static final Fault SMTP_NOOP_PARAMETER_501 = new SmtpCommandVariant("SMTP_NOOP_PARAMETER_501",
            "NOOP with a parameter answered 501 (RFC 5321 §4.1.1.9: SHOULD be ignored)", "NOOP",
            original -> (session, argument) -> {
                if (argument.isEmpty()) original.execute(session, argument);
                else session.reply(SmtpStage.NOOP, SmtpReply.of(501, "5.5.4 NOOP takes no parameter"));
            });

    public static final Fault SMTP_RSET_KEEPS_TRANSACTION = new SmtpCommandVariant("SMTP_RSET_KEEPS_TRANSACTION",
            "RSET answers 250 but the transaction stays open (RFC 5321 §4.1.1.5)", "RSET",
            original -> (session, argument) -> {
                if (argument.isEmpty()) session.reply(SmtpStage.RSET, SmtpReply.of(250, "2.0.0 OK"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_RSET_BEFORE_EHLO_503 = new SmtpReplyRewrite("SMTP_RSET_BEFORE_EHLO_503",
            "RSET before EHLO answered 503 (RFC 5321 §4.1.1.5: MUST send 250)",
            SmtpStage.RSET, (reply, state) -> !state.greeted(), reply -> SmtpReply.of(503, "5.5.1 Say EHLO first"));

    public static final Fault SMTP_RSET_IGNORES_PARAMETER = new SmtpCommandVariant("SMTP_RSET_IGNORES_PARAMETER",
            "RSET with a parameter answered 250 (RFC 5321 §4.1.1.5, §4.3.2: no parameters, 501)", "RSET",
            original -> (session, argument) -> original.execute(session, ""));

    public static final Fault SMTP_VRFY_UNKNOWN_250 = new SmtpCommandVariant("SMTP_VRFY_UNKNOWN_250",
            "VRFY answers 250 for any name (RFC 5321 §3.5.3: 250 only for a verified address)", "VRFY",
            original -> (session, argument) -> {
                if (argument.isEmpty()) original.execute(session, argument);
                else session.reply(SmtpStage.VRFY, SmtpReply.of(250, "2.1.5 <" + argument + "@" + session.config().localDomain() + ">"));
            });

    public static final Fault SMTP_VRFY_502 = new SmtpReplyRewrite("SMTP_VRFY_502",
            "VRFY answered 502 (RFC 5321 §3.5.3, §7.3: a disabled VRFY answers 252)",
            SmtpStage.VRFY, (reply, state) -> reply.code() != 501, reply -> SmtpReply.of(502, "5.5.1 VRFY disabled"));

    public static final Fault SMTP_VRFY_NO_ARGUMENT_502 = new SmtpReplyRewrite("SMTP_VRFY_NO_ARGUMENT_502",
            "VRFY without an argument answered 502 instead of the syntax error 501 (RFC 5321 §4.3.2 lists both)",
            SmtpStage.VRFY, (reply, state) -> reply.code() == 501, reply -> SmtpReply.of(502, "5.5.1 VRFY needs an argument"));

    public static final Fault SMTP_HELP_500 = new SmtpReplyRewrite("SMTP_HELP_500",
            "HELP answered 500 (RFC 5321 §4.1.1.8: 211/214, or 502/504)",
            SmtpStage.HELP, reply -> SmtpReply.of(500, "5.5.1 What?"));

    // ---- order of commands (RFC 5321 §3.3, §4.1.4) ----

    public static final Fault SMTP_DATA_WITHOUT_RCPT_354 = new SmtpReplyRewrite("SMTP_DATA_WITHOUT_RCPT_354",
            "DATA without an accepted recipient answered 354 (RFC 5321 §3.3: 503)",
            SmtpStage.DATA, (reply, state) -> reply.code() == 503, reply -> SmtpReply.of(354, "go ahead"));

    public static final Fault SMTP_NOOP_BEFORE_EHLO_503 = new SmtpReplyRewrite("SMTP_NOOP_BEFORE_EHLO_503",
            "NOOP before EHLO answered 503 (RFC 5321 §4.1.4: SHOULD be processed normally)",
            SmtpStage.NOOP, (reply, state) -> !state.greeted(), reply -> SmtpReply.of(503, "5.5.1 Say EHLO first"));

    // ---- POP3 (RFC 1939) ----

    public static final Fault POP3_PASS_REFUSED = new Pop3ReplyRewrite("POP3_PASS_REFUSED",
            "PASS with the right password answered -ERR (RFC 1939 §7)",
            Pop3Stage.PASS, (reply, state) -> reply.isOk(), reply -> Pop3Reply.err("denied"));

    public static final Fault POP3_LIST_ONE_NO_SIZE = new Pop3ReplyRewrite("POP3_LIST_ONE_NO_SIZE",
            "LIST n answers '+OK n' without the size (RFC 1939 §5)",
            Pop3Stage.LIST, (reply, state) -> reply.isOk() && reply.body() == null,
            reply -> reply.withStatus(reply.status().replaceFirst("^(\\+OK [0-9]+) [0-9]+$", "$1")));

    public static final Fault POP3_UIDL_ONE_NO_UID = new Pop3ReplyRewrite("POP3_UIDL_ONE_NO_UID",
            "UIDL n answers '+OK n' without the unique-id (RFC 1939 §7)",
            Pop3Stage.UIDL, (reply, state) -> reply.isOk() && reply.body() == null,
            reply -> reply.withStatus(reply.status().replaceFirst("^(\\+OK [0-9]+) .*$", "$1")));

    public static final Fault POP3_QUIT_KEEPS_OPEN = new Pop3ReplyRewrite("POP3_QUIT_KEEPS_OPEN",
            "QUIT answered +OK but the connection stays open (RFC 1939 §6)",
            Pop3Stage.QUIT, reply -> new Pop3Reply(reply.status(), reply.body(), Pop3Reply.After.CONTINUE));

    public static final Fault POP3_RETR_BARE_LF = new Pop3ReplyRewrite("POP3_RETR_BARE_LF",
            "RETR sends the message lines ended by bare LF (RFC 1939 §3: CRLF)",
            Pop3Stage.RETR, (reply, state) -> reply.body() != null,
            reply -> new Pop3Reply(reply.status(), bareLf(reply.body()), reply.after()));

    public static final Fault POP3_DELE_TWICE_OK = new Pop3ReplyRewrite("POP3_DELE_TWICE_OK",
            "DELE of a message already marked answered +OK (RFC 1939 §5: later references are errors)",
            Pop3Stage.DELE, (reply, state) -> !reply.isOk() && state.phase() == Pop3Phase.TRANSACTION,
            reply -> Pop3Reply.ok("message deleted"));

    public static final Fault POP3_STAT_COUNTS_DELETED = new StatCountsDeleted();

    /** STAT from the session's numbered messages, marked ones included (mail arriving meanwhile still left out). */
    private record StatCountsDeleted() implements Pop3ReplyFault {
        @Override
        public String name() {
            return "POP3_STAT_COUNTS_DELETED";
        }

        @Override
        public String description() {
            return "STAT still counts messages marked deleted (RFC 1939 §5: not counted)";
        }

        @Override
        public Pop3Reply rewrite(Pop3Stage stage, Pop3Reply reply, Pop3State state) {
            if (stage != Pop3Stage.STAT || !reply.isOk() || state.snapshot() == null) return reply;
            MaildropSnapshot snapshot = state.snapshot();
            return Pop3Reply.ok(snapshot.size() + " " + snapshot.allOctets());
        }
    }

    public static final Fault POP3_RSET_KEEPS_MARKS = new Pop3CommandVariant("POP3_RSET_KEEPS_MARKS",
            "RSET answers +OK but leaves the deletion marks (RFC 1939 §5 RSET)", "RSET",
            original -> (session, argument) -> session.reply(Pop3Stage.RSET, Pop3Reply.ok("done")));

    public static final Fault POP3_QUIT_SKIPS_UPDATE = new Pop3CommandVariant("POP3_QUIT_SKIPS_UPDATE",
            "QUIT answers +OK and closes but removes nothing (RFC 1939 §6 UPDATE)", "QUIT",
            original -> (session, argument) -> session.reply(Pop3Stage.QUIT, Pop3Reply.ok("Bye").thenClose()));

    public static final Fault POP3_TOP_IGNORES_COUNT = new Pop3CommandVariant("POP3_TOP_IGNORES_COUNT",
            "TOP sends no body lines whatever the count (RFC 1939 §7 TOP)", "TOP",
            original -> (session, argument) -> {
                String[] parts = argument.split(" ");
                original.execute(session, parts.length == 2 ? parts[0] + " 0" : argument);
            });

    public static final Fault POP3_NOOP_BEFORE_LOGIN_OK = new Pop3ReplyRewrite("POP3_NOOP_BEFORE_LOGIN_OK",
            "NOOP in AUTHORIZATION answered +OK (RFC 1939 §3: wrong state gets -ERR)",
            Pop3Stage.NOOP, (reply, state) -> state.phase() == Pop3Phase.AUTHORIZATION, reply -> Pop3Reply.ok(""));

    public static final Fault POP3_USER_AFTER_LOGIN_OK = new Pop3ReplyRewrite("POP3_USER_AFTER_LOGIN_OK",
            "USER in TRANSACTION answered +OK (RFC 1939 §7: AUTHORIZATION only)",
            Pop3Stage.USER, (reply, state) -> state.phase() == Pop3Phase.TRANSACTION, reply -> Pop3Reply.ok(""));

    public static final Fault POP3_UNKNOWN_OK = new Pop3ReplyRewrite("POP3_UNKNOWN_OK",
            "unknown commands answered +OK (RFC 1939 §3: -ERR)",
            Pop3Stage.UNKNOWN, reply -> Pop3Reply.ok(""));

    public static final Fault POP3_RETR_EXTRA_ARGUMENT_ACCEPTED = new Pop3CommandVariant("POP3_RETR_EXTRA_ARGUMENT_ACCEPTED",
            "RETR ignores a second argument (RFC 1939 §5: RETR msg, one argument)", "RETR",
            original -> (session, argument) -> original.execute(session, argument.split(" ")[0]));

    // ---- store (RFC 5321 §4.5.2, §4.4) ----

    public static final Fault STORE_NULL_REVERSE_PATH_WITHOUT_RETURN_PATH = new DeliveryRewrite(
            "STORE_NULL_REVERSE_PATH_WITHOUT_RETURN_PATH",
            "a message sent with the null reverse-path is stored without its Return-Path: <> (RFC 5321 §4.4)",
            deliveries -> deliveries.stream().map(d -> d.reversePath().equals("<>") && startsWith(d.content(), "Return-Path:")
                    ? d.withContent(java.util.Arrays.copyOfRange(d.content(), indexAfterFirstLine(d.content()), d.content().length)) : d).toList());

    public static final Fault STORE_ADDS_CRLF_AT_END = new DeliveryRewrite("STORE_ADDS_CRLF_AT_END",
            "an extra CRLF is added at the end of the stored message (RFC 5321 §4.1.1.4: MUST NOT be added)",
            deliveries -> deliveries.stream().map(d -> d.withContent(concat(d.content(), new byte[] {'\r', '\n'}))).toList());

    /** Header rewriting is the business of the round-trip row; the body rows must not mind it. */
    public static final Fault STORE_REWRITES_TO_HEADER = new DeliveryRewrite("STORE_REWRITES_TO_HEADER",
            "the To: header field's address is rewritten (canonical form) on delivery; the body is untouched "
                    + "(RFC 5321 §4.5.2 asks for the content as sent; a relay may rewrite headers)",
            deliveries -> deliveries.stream().map(d -> d.withContent(rewriteTo(d.content()))).toList());

    private static boolean startsWith(byte[] content, String prefix) {
        return new String(content, 0, Math.min(content.length, prefix.length()), java.nio.charset.StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase(prefix);
    }

    private static int indexAfterFirstLine(byte[] content) {
        for (int i = 0; i + 1 < content.length; i++) if (content[i] == '\r' && content[i + 1] == '\n') return i + 2;
        return content.length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] rewriteTo(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return content;
        String head = text.substring(0, end).replaceFirst("(?im)^To: <([^@>]*)@([^>]*)>", "To: <$1+rewritten@$2>");
        return (head + text.substring(end)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] bareLf(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length - 3; i++) {
            if (!(body[i] == '\r' && body[i + 1] == '\n')) out.write(body[i]);
        }
        out.write(body, body.length - 3, 3);
        return out.toByteArray();
    }

    // ---- more SMTP ----

    public static final Fault SMTP_EHLO_LISTS_ETRN = new SmtpReplyRewrite("SMTP_EHLO_LISTS_ETRN",
            "EHLO lists ETRN, which is then answered 502 (RFC 5321 §4.2.4)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250,
            reply -> {
                List<String> texts = new ArrayList<>(reply.texts());
                texts.add(1, "ETRN");
                return SmtpReply.of(250, texts.toArray(String[]::new));
            });

    public static final Fault SMTP_NESTED_MAIL_250 = new SmtpReplyRewrite("SMTP_NESTED_MAIL_250",
            "a second MAIL inside a transaction answered 250 (RFC 5321 §4.1.4: 503)",
            SmtpStage.MAIL, (reply, state) -> reply.code() == 503 && state.transaction() != null,
            reply -> SmtpReply.of(250, "2.1.0 OK"));

    /** Sessions that saw a malformed RCPT; the DATA half of the fault forgets their transaction. */
    private static final Set<SmtpSession> MALFORMED_RCPT_SEEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public static final Fault SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_RCPT = new SmtpCommandVariant("SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_RCPT",
            "after a 501 to RCPT the transaction is lost (RFC 5321 §4.1.4: MUST stay in the same state), RCPT half", "RCPT",
            original -> (session, argument) -> {
                if (!argument.endsWith(">")) MALFORMED_RCPT_SEEN.add(session);
                original.execute(session, argument);
            });

    public static final Fault SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_DATA = new SmtpCommandVariant("SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_DATA",
            "after a 501 to RCPT the transaction is lost (RFC 5321 §4.1.4), DATA half", "DATA",
            original -> (session, argument) -> {
                if (MALFORMED_RCPT_SEEN.remove(session)) session.reply(SmtpStage.DATA, SmtpReply.of(503, "5.5.1 No transaction"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_DELIVERS_CUT_OFF_DATA = new SmtpCommandVariant("SMTP_DELIVERS_CUT_OFF_DATA",
            "message data cut off by a closed connection is delivered anyway (RFC 5321 §4.1.1.4, §3.8)", "DATA",
            original -> MessageDataVariant.command(original, UnaryOperator.identity(), false, line -> null, content -> null, true));

    public static final Fault POP3_GREETING_FIXED_TIMESTAMP = new Pop3ReplyRewrite("POP3_GREETING_FIXED_TIMESTAMP",
            "every greeting carries the same APOP timestamp (RFC 1939 §7: MUST be different each time)",
            Pop3Stage.GREETING, reply -> Pop3Reply.ok("ready <1.1@localhost>"));

    public static final Fault POP3_APOP_WRONG_DIGEST_OK = new Pop3ReplyRewrite("POP3_APOP_WRONG_DIGEST_OK",
            "APOP with a wrong digest answered +OK (RFC 1939 §7)",
            Pop3Stage.APOP, (reply, state) -> !reply.isOk(), reply -> Pop3Reply.ok("welcome"));

    public static final Fault POP3_AUTH_FAILURE_WITHOUT_CODE = new Pop3ReplyRewrite("POP3_AUTH_FAILURE_WITHOUT_CODE",
            "a refused PASS says -ERR without [AUTH] though CAPA lists AUTH-RESP-CODE (RFC 3206 §4)",
            Pop3Stage.PASS, (reply, state) -> reply.status() != null && reply.status().startsWith("-ERR [AUTH]"),
            reply -> Pop3Reply.err("Invalid credentials"));

    public static final Fault SMTP_END_OF_DATA_TWO_REPLIES = new SmtpReplyRewrite("SMTP_END_OF_DATA_TWO_REPLIES",
            "the end of data answered with two replies (RFC 5321 §4.1.1.4: exactly one)",
            SmtpStage.END_OF_DATA, (reply, state) -> reply.code() == 250,
            reply -> SmtpReply.raw(250, "250 2.0.0 OK", "250 2.0.0 OK again"));

    public static final Fault SMTP_POSTMASTER_WITHOUT_DOMAIN_REFUSED = new SmtpCommandVariant("SMTP_POSTMASTER_WITHOUT_DOMAIN_REFUSED",
            "RCPT TO:<Postmaster> refused (RFC 5321 §4.5.1: MUST be accepted)", "RCPT",
            original -> (session, argument) -> {
                if (argument.equalsIgnoreCase("TO:<Postmaster>")) session.reply(SmtpStage.RCPT, SmtpReply.of(550, "5.1.1 No such user"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_UNKNOWN_RECIPIENT_250 = new SmtpReplyRewrite("SMTP_UNKNOWN_RECIPIENT_250",
            "RCPT to an unknown local user answered 250 (RFC 5321 §3.3: SHOULD be 550)",
            SmtpStage.RCPT, (reply, state) -> reply.code() == 550 && reply.texts().getFirst().startsWith("5.1.1"),
            reply -> SmtpReply.of(250, "2.1.5 OK"));

    public static final Fault SMTP_OPEN_RELAY = new SmtpReplyRewrite("SMTP_OPEN_RELAY",
            "RCPT to a foreign domain answered 250 without authentication (RFC 5321 §7.9: SHOULD be 550)",
            SmtpStage.RCPT, (reply, state) -> reply.code() == 550 && reply.texts().getFirst().startsWith("5.7.1"),
            reply -> SmtpReply.of(250, "2.1.5 OK"));
}
