package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.smtp.MailTransaction;
import io.mailharness.faultserver.smtp.MessageDataVariant;
import io.mailharness.faultserver.smtp.SmtpCommand;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyRewrite;
import io.mailharness.faultserver.smtp.SmtpSession;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.store.Delivery;
import io.mailharness.faultserver.store.DeliveryRewrite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Faults for the RFC 5321 core checks built on the server's public hooks. Each
 * breaks one rule; named {@code SMTP_…}/{@code POP3_…}. The DATA variants here read the message themselves ({@link #data}); they
 * cannot clear the session's transaction afterwards, which the checks they prove never get to see.
 */
public final class SmtpCoreRuleFaults {
    private SmtpCoreRuleFaults() {}

    // ---- §3.8 closing, §4.1.4 EHLO, §4.1.1.5 RSET ----

    public static final Fault SMTP_CLOSE_AFTER_500 = new SmtpReplyRewrite("SMTP_CLOSE_AFTER_500",
            "closes the connection right after a 500 to an unknown command (RFC 5321 §3.8: only after 221/421)",
            SmtpStage.UNKNOWN, (reply, state) -> reply.code() == 500, SmtpReply::thenClose);

    public static final Fault SMTP_EHLO_NAME_MUST_MATCH = new SmtpReplyRewrite("SMTP_EHLO_NAME_MUST_MATCH",
            "refuses an EHLO domain that does not name the client's address (RFC 5321 §4.1.4: MUST NOT refuse on this basis)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250 && !namesClient(state.heloName(), state.clientAddress()),
            reply -> SmtpReply.of(550, "5.7.1 EHLO name does not match your address"));

    /** Loopback names and literals of the client's address "match"; client.example stands for the harness host. */
    private static boolean namesClient(String name, String address) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost") || n.equals("client.example") || n.equals("[" + address + "]") || n.startsWith("[ipv6:");
    }

    /** Sessions that said RSET after logging in; the AUTH half of the fault treats them as logged out. */
    private static final Set<SmtpSession> RESET_AFTER_LOGIN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public static final Fault SMTP_RSET_FORGETS_LOGIN_RSET = new SmtpCommandVariant("SMTP_RSET_FORGETS_LOGIN_RSET",
            "RSET also ends the login (RFC 5321 §4.1.1.5: the transaction only), RSET half", "RSET",
            original -> (session, argument) -> {
                if (session.state().authenticated()) RESET_AFTER_LOGIN.add(session);
                original.execute(session, argument);
            });

    public static final Fault SMTP_RSET_FORGETS_LOGIN_AUTH = new SmtpCommandVariant("SMTP_RSET_FORGETS_LOGIN_AUTH",
            "RSET also ends the login (RFC 5321 §4.1.1.5), AUTH half: a new exchange starts", "AUTH",
            original -> (session, argument) -> {
                if (!RESET_AFTER_LOGIN.contains(session)) {
                    original.execute(session, argument);
                    return;
                }
                if (!session.reply(SmtpStage.AUTH, SmtpReply.of(334, ""))) return;
                if (session.readLine(12288) == null) return;
                session.reply(SmtpStage.AUTH, SmtpReply.of(501, "5.7.0 Authentication cancelled"));
            });

    // ---- §4.1.2 addresses ----

    public static final Fault SMTP_NULL_REVERSE_PATH_REFUSED = new SmtpCommandVariant("SMTP_NULL_REVERSE_PATH_REFUSED",
            "MAIL FROM:<> refused (RFC 5321 §4.1.2, §6.1: the null reverse-path is valid)", "MAIL",
            original -> (session, argument) -> {
                if (argument.replace(" ", "").equalsIgnoreCase("FROM:<>")) session.reply(SmtpStage.MAIL, SmtpReply.of(553, "5.1.7 Null sender refused"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_SOURCE_ROUTE_501 = new SmtpCommandVariant("SMTP_SOURCE_ROUTE_501",
            "RCPT with a source route refused as a syntax error (RFC 5321 §4.1.2: MUST be accepted)", "RCPT",
            original -> (session, argument) -> {
                if (argument.regionMatches(true, 0, "TO:<@", 0, 5)) session.reply(SmtpStage.RCPT, SmtpReply.of(501, "5.1.3 Bad path"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_REVERSE_PATH_LOWER_CASED = new SmtpCommandVariant("SMTP_REVERSE_PATH_LOWER_CASED",
            "the reverse-path is folded to lower case (RFC 5321 §2.4: local parts are case sensitive)", "MAIL",
            original -> (session, argument) -> original.execute(session, argument.toLowerCase(Locale.ROOT)));

    public static final Fault SMTP_LOCAL_PART_OVER_60_REFUSED = new SmtpCommandVariant("SMTP_LOCAL_PART_OVER_60_REFUSED",
            "local parts over 60 octets refused (RFC 5321 §4.5.3.1.1: 64 MUST be accepted)", "MAIL",
            original -> (session, argument) -> {
                int at = argument.lastIndexOf('@');
                int open = argument.indexOf('<');
                if (open >= 0 && at - open - 1 > 60) session.reply(SmtpStage.MAIL, SmtpReply.of(501, "5.1.3 Local-part too long"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_FIFTY_RECIPIENTS = new SmtpCommandVariant("SMTP_FIFTY_RECIPIENTS",
            "RCPT past 50 recipients answered 452 (RFC 5321 §4.5.3.1.8: at least 100 MUST be buffered)", "RCPT",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction != null && transaction.recipients().size() >= 50) session.reply(SmtpStage.RCPT, SmtpReply.of(452, "4.5.3 Too many recipients"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_END_OF_DATA_MIXED_CODES = new SmtpReplyRewrite("SMTP_END_OF_DATA_MIXED_CODES",
            "the end of data answered '250-' then '554 ' (RFC 5321 §4.2.1: every line of a reply has the same code); the message is stored",
            SmtpStage.END_OF_DATA, (reply, state) -> reply.code() == 250,
            reply -> SmtpReply.raw(250, "250-" + reply.texts().getFirst(), "554 5.6.0 rejected after all"));

    public static final Fault SMTP_RCPT_LIMIT_431 = new SmtpReplyRewrite("SMTP_RCPT_LIMIT_431",
            "the RCPT past the recipient limit answered 431 instead of 452 (RFC 5321 §4.5.3.1.10: 452 is the correct code)",
            SmtpStage.RCPT, (reply, state) -> reply.code() == 452, reply -> SmtpReply.of(431, "4.3.1 Too many recipients"));

    /** Sessions that went past the recipient limit; the DATA half of the fault has lost their transaction. */
    private static final Set<SmtpSession> PAST_THE_LIMIT = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public static final Fault SMTP_RCPT_LIMIT_LOSES_TRANSACTION_RCPT = new SmtpCommandVariant("SMTP_RCPT_LIMIT_LOSES_TRANSACTION_RCPT",
            "the RCPT past the limit throws the transaction away (RFC 5321 §4.5.3.1.10), RCPT half", "RCPT",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction != null && transaction.recipients().size() >= session.config().rcptLimit()) PAST_THE_LIMIT.add(session);
                original.execute(session, argument);
            });

    public static final Fault SMTP_RCPT_LIMIT_LOSES_TRANSACTION_DATA = new SmtpCommandVariant("SMTP_RCPT_LIMIT_LOSES_TRANSACTION_DATA",
            "the RCPT past the limit throws the transaction away (RFC 5321 §4.5.3.1.10), DATA half", "DATA",
            original -> (session, argument) -> {
                if (PAST_THE_LIMIT.remove(session)) session.reply(SmtpStage.DATA, SmtpReply.of(503, "5.5.1 No valid recipients"));
                else original.execute(session, argument);
            });

    // ---- §4.1.1.4 DATA, §4.4 trace fields, §3.3 ----

    public static final Fault SMTP_LONG_LINE_ANSWERED_AT_ONCE = new SmtpCommandVariant("SMTP_LONG_LINE_ANSWERED_AT_ONCE",
            "a message line over 1000 octets answered 500 at once, mid-data (RFC 5321 §4.1.1.4: one reply after the end of data)", "DATA",
            original -> data(original, UnaryOperator.identity(), false,
                    line -> line.length > 998 ? SmtpReply.of(500, "5.5.2 Line too long") : null, content -> null));

    public static final Fault SMTP_RESENT_FIELDS_MUST_MATCH = new SmtpCommandVariant("SMTP_RESENT_FIELDS_MUST_MATCH",
            "messages with more Resent-To than Resent-From fields refused (RFC 5321 §3.3: MUST NOT reject them)", "DATA",
            original -> data(original, UnaryOperator.identity(), false, line -> null, content -> {
                String head = new String(content, StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2)[0].toLowerCase(Locale.ROOT);
                long to = Pattern.compile("(?m)^resent-to:").matcher(head).results().count();
                long from = Pattern.compile("(?m)^resent-from:").matcher(head).results().count();
                return to != from ? SmtpReply.of(554, "5.6.0 Resent- fields do not match") : null;
            }));

    public static final Fault SMTP_NO_RETURN_PATH = new DeliveryRewrite("SMTP_NO_RETURN_PATH",
            "delivered without the Return-Path field (RFC 5321 §4.4: MUST be added on final delivery)",
            deliveries -> deliveries.stream().map(d -> d.withContent(replaceFirst(d.content(), "(?s)^Return-Path: [^\r]*\r\n", ""))).toList());

    public static final Fault SMTP_RECEIVED_WITHOUT_DATE = new DeliveryRewrite("SMTP_RECEIVED_WITHOUT_DATE",
            "Received field without its date-time (RFC 5321 §4.4: the time stamp is required)",
            deliveries -> deliveries.stream().map(d -> d.withContent(replaceFirst(d.content(), ";\\s*[A-Z][a-z]{2}, [^\r]*\r\n", "\r\n"))).toList());

    /** What the client rewrite puts for "CR X-Injected: 1" in a command line: valid inside a domain, so the server takes it. */
    public static final String CR_STAND_IN = ".x-injected-stand-in";

    /** The delivery half of the header-injection fault: the stand-in written by the client rewrite becomes a line end again. */
    public static final Fault SMTP_CR_IN_COMMAND_WRITTEN_TO_HEADER = new DeliveryRewrite("SMTP_CR_IN_COMMAND_WRITTEN_TO_HEADER",
            "a CR in the EHLO domain or reverse-path goes into the trace fields as a line end (RFC 5321 §2.3.8, §4.4)",
            deliveries -> deliveries.stream().map(d -> d.withContent(replaceAll(d.content(), Pattern.quote(CR_STAND_IN), "\r\nX-Injected: 1"))).toList());

    /** The client half: a bare CR in a command line, with the field name after it, reaches the server as {@link #CR_STAND_IN}. */
    public static final UnaryOperator<byte[]> CR_IN_COMMAND_KEPT = line -> {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return text.contains("\rX-Injected: 1") ? text.replace("\rX-Injected: 1", CR_STAND_IN).getBytes(StandardCharsets.ISO_8859_1) : line;
    };

    // ---- catalogue §1.8 smuggling ----

    public static final Fault SMTP_BARE_CR_ENDS_LINES_IN_DATA = new SmtpCommandVariant("SMTP_BARE_CR_ENDS_LINES_IN_DATA",
            "in message data a bare CR or LF ends a line, so CR.CR and friends end the data (RFC 5321 §2.3.8: SMTP smuggling)", "DATA",
            original -> data(original, UnaryOperator.identity(), true, line -> null, content -> null));

    public static final Fault SMTP_NUL_DROPPED_IN_DATA = new SmtpCommandVariant("SMTP_NUL_DROPPED_IN_DATA",
            "NUL octets in message data dropped before the end-of-data test, so CRLF NUL . CRLF ends the data (RFC 5321 §4.1.1.4)", "DATA",
            original -> data(original, line -> removeNul(line), false, line -> null, content -> null));

    // ---- §4.5.3.1 limits ----

    public static final Fault SMTP_LONG_COMMAND_LINE_ANSWERED_TWICE = new SmtpReplyRewrite("SMTP_LONG_COMMAND_LINE_ANSWERED_TWICE",
            "an over-long command line answered twice, so the session is out of step (RFC 5321 §4.5.3.1.9, §4.2)",
            SmtpStage.SYNTAX, (reply, state) -> reply.code() == 500 && reply.texts().getFirst().contains("Line too long"),
            reply -> SmtpReply.raw(500, "500 5.5.2 Line too long", "500 5.5.1 Command unrecognized"));

    public static final Fault SMTP_MAIL_LINE_LIMIT_512 = new SmtpCommandVariant("SMTP_MAIL_LINE_LIMIT_512",
            "MAIL lines over 512 octets refused though extension parameters may grow them (RFC 4954 §5, RFC 5321 §4.5.3.1.4)", "MAIL",
            original -> (session, argument) -> {
                if (("MAIL " + argument).length() + 2 > 512) session.reply(SmtpStage.MAIL, SmtpReply.of(500, "5.5.2 Line too long"));
                else original.execute(session, argument);
            });

    public static final Fault SMTP_TOO_BIG_ANSWERED_250 = new SmtpReplyRewrite("SMTP_TOO_BIG_ANSWERED_250",
            "a message over the size limit answered 250 (RFC 5321 §4.5.3.1.9, RFC 1870 §6: 552)",
            SmtpStage.END_OF_DATA, (reply, state) -> reply.code() == 552, reply -> SmtpReply.of(250, "2.0.0 OK"));

    // ---- a DATA command of these faults ----

    /** The faulty DATA of these faults: the conforming one but for the deviation (see {@link MessageDataVariant}). */
    static SmtpCommand data(SmtpCommand original, UnaryOperator<byte[]> clean, boolean bareEnds,
                            Function<byte[], SmtpReply> early, Function<byte[], SmtpReply> atEnd) {
        return MessageDataVariant.command(original, clean, bareEnds, early, atEnd, false);
    }

    private static byte[] removeNul(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length);
        for (byte b : line) if (b != 0) out.write(b);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] replaceFirst(byte[] content, String regex, String replacement) {
        return new String(content, StandardCharsets.ISO_8859_1).replaceFirst(regex, replacement).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replaceAll(byte[] content, String regex, String replacement) {
        return new String(content, StandardCharsets.ISO_8859_1).replaceAll(regex, replacement).getBytes(StandardCharsets.ISO_8859_1);
    }
}
