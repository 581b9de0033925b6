package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.smtp.MailTransaction;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpReply;
import io.mailharness.faultserver.smtp.SmtpReplyRewrite;
import io.mailharness.faultserver.smtp.SmtpSession;
import io.mailharness.faultserver.smtp.SmtpStage;
import io.mailharness.faultserver.store.Delivery;
import io.mailharness.faultserver.store.DeliveryRewrite;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Faults for the SMTP service-extension checks (RFC 2920, 3207, 4954, 1870, 6152, 6531, 2034, 3461, 3030) and
 * their end-to-end rows, built on the server's public hooks. Each breaks one rule; named {@code SMTP_…}/{@code POP3_…}.
 * Faults that need the session's inner state are in the fault server's catalogue ({@code SmtpFaults}).
 */
public final class SmtpExtensionRuleFaults {
    private SmtpExtensionRuleFaults() {}

    private static final String TLS_FIRST = "5.7.0 Must issue a STARTTLS command first";

    // ---- PIPELINING (RFC 2920 §3.2) ----

    public static final Fault SMTP_PIPELINED_MAIL_SYNC_ERROR = syncError("MAIL", SmtpStage.MAIL);
    public static final Fault SMTP_PIPELINED_RCPT_SYNC_ERROR = syncError("RCPT", SmtpStage.RCPT);

    /** Advertises PIPELINING but treats input that arrived ahead of a reply as a synchronisation error. */
    private static Fault syncError(String verb, SmtpStage stage) {
        return new SmtpCommandVariant("SMTP_PIPELINED_" + verb + "_SYNC_ERROR",
                verb + " with more input already buffered gets 554 and a close though PIPELINING is offered (RFC 2920 §3.2)", verb,
                original -> (session, argument) -> {
                    if (session.reader().buffered() > 0) {
                        session.reply(stage, SmtpReply.of(554, "5.5.0 SMTP protocol synchronization error").thenClose());
                    } else {
                        original.execute(session, argument);
                    }
                });
    }

    public static final Fault SMTP_DATA_ACCEPTS_NO_RECIPIENTS = new SmtpCommandVariant("SMTP_DATA_ACCEPTS_NO_RECIPIENTS",
            "DATA after every RCPT was refused gets 354 and the empty message 250 (RFC 2920 §3.2: 503/554)", "DATA",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction == null || !transaction.recipients().isEmpty()) {
                    original.execute(session, argument);
                    return;
                }
                if (!session.reply(SmtpStage.DATA, SmtpReply.of(354, "go ahead"))) return;
                for (Line line = session.readLine(1000); line != null; line = session.readLine(1000)) {
                    if (line.text().equals(".")) break;
                }
                session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(250, "2.0.0 accepted for nobody"));
            });

    public static final Fault SMTP_RSET_FLUSHES_INPUT = new SmtpCommandVariant("SMTP_RSET_FLUSHES_INPUT",
            "RSET throws away the input read ahead of it, then says so with 421 (RFC 2920 §3.2 (1): never lose the input buffer)", "RSET",
            original -> (session, argument) -> {
                int lost = session.reader().buffered();
                session.reader().discardBuffered();
                original.execute(session, argument);
                // saying so at once keeps the proof quick: the check would otherwise wait out its read timeout
                if (lost > 0) session.reply(SmtpStage.RSET, SmtpReply.of(421, "4.3.0 " + lost + " octets of input discarded").thenClose());
            });

    // ---- STARTTLS (RFC 3207) ----

    public static final Fault SMTP_STARTTLS_LISTED_INSIDE_TLS = new SmtpReplyRewrite("SMTP_STARTTLS_LISTED_INSIDE_TLS",
            "the EHLO reply inside TLS still lists STARTTLS (RFC 3207 §4.2)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250 && state.tls(),
            reply -> {
                List<String> texts = new ArrayList<>(reply.texts());
                texts.add(1, "STARTTLS");
                return SmtpReply.of(250, texts.toArray(String[]::new));
            });

    public static final Fault SMTP_STARTTLS_IGNORES_PARAMETER = new SmtpCommandVariant("SMTP_STARTTLS_IGNORES_PARAMETER",
            "'STARTTLS now' answered 220 (RFC 3207 §4: 501, no parameters allowed)", "STARTTLS",
            original -> (session, argument) -> original.execute(session, ""));

    public static final Fault SMTP_EHLO_OFFERS_AUTH_IN_CLEAR = new SmtpReplyRewrite("SMTP_EHLO_OFFERS_AUTH_IN_CLEAR",
            "the EHLO reply in clear lists AUTH PLAIN (RFC 4954 §4: not without protection)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250 && !state.tls(),
            reply -> {
                List<String> texts = new ArrayList<>(reply.texts());
                texts.add(1, "AUTH PLAIN");
                return SmtpReply.of(250, texts.toArray(String[]::new));
            });

    /** A listener that requires TLS: 530 to HELO, MAIL, RCPT, VRFY and DATA in clear (RFC 3207 §4). */
    public static final Fault SMTP_TLS_REQUIRED_HELO_530 = tlsFirst(SmtpStage.HELO);
    public static final Fault SMTP_TLS_REQUIRED_MAIL_530 = tlsFirst(SmtpStage.MAIL);
    public static final Fault SMTP_TLS_REQUIRED_RCPT_530 = tlsFirst(SmtpStage.RCPT);
    public static final Fault SMTP_TLS_REQUIRED_VRFY_530 = tlsFirst(SmtpStage.VRFY);
    public static final Fault SMTP_TLS_REQUIRED_DATA_530 = tlsFirst(SmtpStage.DATA);

    /** A listener that wants STARTTLS first (RFC 3207 §4): 530 to HELO, MAIL, RCPT, VRFY and DATA in clear. */
    public static final List<Fault> TLS_REQUIRED = List.of(SMTP_TLS_REQUIRED_HELO_530, SMTP_TLS_REQUIRED_MAIL_530,
            SMTP_TLS_REQUIRED_RCPT_530, SMTP_TLS_REQUIRED_VRFY_530, SMTP_TLS_REQUIRED_DATA_530);

    public static final Fault SMTP_TLS_REQUIRED_NOOP_530 = tlsFirst(SmtpStage.NOOP);

    private static Fault tlsFirst(SmtpStage stage) {
        return new SmtpReplyRewrite("SMTP_TLS_REQUIRED_" + stage + "_530",
                stage + " in clear answered 530 (a TLS-required listener, RFC 3207 §4)",
                stage, (reply, state) -> !state.tls(), reply -> SmtpReply.of(530, TLS_FIRST));
    }

    /** Content lines starting with "starttls" are dropped on the way in: an injection filter with false positives. */
    public static final UnaryOperator<byte[]> DROP_STARTTLS_LINES = line -> {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return text.toLowerCase(Locale.ROOT).startsWith("starttls") ? new byte[0] : line;
    };

    // ---- AUTH (RFC 4954) ----

    public static final Fault SMTP_AUTH_EMPTY_CHALLENGE_WITH_TEXT = new SmtpReplyRewrite("SMTP_AUTH_EMPTY_CHALLENGE_WITH_TEXT",
            "the empty AUTH PLAIN challenge is '334 go ahead' (RFC 4954 §4: exactly '334 ')",
            SmtpStage.AUTH, (reply, state) -> reply.code() == 334 && reply.texts().getFirst().isEmpty(),
            reply -> SmtpReply.of(334, "go ahead"));

    public static final Fault SMTP_AUTH_WRONG_PASSWORD_235 = new SmtpReplyRewrite("SMTP_AUTH_WRONG_PASSWORD_235",
            "AUTH with a wrong password answered 235 (RFC 4954 §6: 535 5.7.8)",
            SmtpStage.AUTH, (reply, state) -> reply.code() == 535, reply -> SmtpReply.of(235, "2.7.0 Authentication successful"));

    public static final Fault SMTP_AUTH_TWICE_235 = new SmtpReplyRewrite("SMTP_AUTH_TWICE_235",
            "a second AUTH after a successful one answered 235 (RFC 4954 §4: 503)",
            SmtpStage.AUTH, (reply, state) -> reply.code() == 503 && state.authenticated(),
            reply -> SmtpReply.of(235, "2.7.0 Authentication successful"));

    // ---- SIZE (RFC 1870) ----

    public static final Fault SMTP_SIZE_OVER_LIMIT_250 = new SmtpReplyRewrite("SMTP_SIZE_OVER_LIMIT_250",
            "MAIL with SIZE above the advertised limit answered 250 (RFC 1870 §6: 552)",
            SmtpStage.MAIL, (reply, state) -> reply.code() == 552, reply -> SmtpReply.of(250, "2.1.0 OK"));

    private static final Map<SmtpSession, Long> DECLARED_SIZE = Collections.synchronizedMap(new WeakHashMap<>());

    public static final Fault SMTP_SIZE_AS_FRAMING_MAIL = new SmtpCommandVariant("SMTP_SIZE_AS_FRAMING_MAIL",
            "SIZE= taken as the length of the message data, MAIL half (RFC 1870 §6)", "MAIL",
            original -> (session, argument) -> {
                var size = java.util.regex.Pattern.compile("(?i) SIZE=([0-9]{1,9})").matcher(argument);
                if (size.find()) DECLARED_SIZE.put(session, Long.parseLong(size.group(1)));
                original.execute(session, argument);
            });

    public static final Fault SMTP_SIZE_AS_FRAMING_DATA = new SmtpCommandVariant("SMTP_SIZE_AS_FRAMING_DATA",
            "SIZE= taken as the length of the message data: reads that many octets, then answers (RFC 1870 §6)", "DATA",
            original -> (session, argument) -> {
                Long declared = DECLARED_SIZE.remove(session);
                MailTransaction transaction = session.state().transaction();
                if (declared == null || transaction == null || transaction.recipients().isEmpty()) {
                    original.execute(session, argument);
                    return;
                }
                if (!session.reply(SmtpStage.DATA, SmtpReply.of(354, "Start mail input"))) return;
                session.reader().readExactly(declared, OutputStream.nullOutputStream());
                session.reply(SmtpStage.END_OF_DATA, SmtpReply.of(250, "2.0.0 " + declared + " octets accepted"));
            });

    // ---- MAIL and RCPT parameters (RFC 5321 §4.1.1.11, RFC 6152, RFC 6531, RFC 3461) ----

    private static final Set<String> MAIL_PARAMETERS = Set.of("SIZE", "BODY", "SMTPUTF8", "RET", "ENVID", "AUTH");
    private static final Set<String> RCPT_PARAMETERS = Set.of("NOTIFY", "ORCPT");

    public static final Fault SMTP_UNKNOWN_MAIL_PARAMETER_IGNORED = ignoreUnknown("MAIL", MAIL_PARAMETERS);
    public static final Fault SMTP_UNKNOWN_RCPT_PARAMETER_IGNORED = ignoreUnknown("RCPT", RCPT_PARAMETERS);

    private static Fault ignoreUnknown(String verb, Set<String> known) {
        return new SmtpCommandVariant("SMTP_UNKNOWN_" + verb + "_PARAMETER_IGNORED",
                "unknown " + verb + " parameters are silently ignored (RFC 5321 §4.1.1.11: 555)", verb,
                original -> (session, argument) -> {
                    int close = argument.indexOf('>');
                    if (close < 0) {
                        original.execute(session, argument);
                        return;
                    }
                    String kept = java.util.Arrays.stream(argument.substring(close + 1).trim().split(" +"))
                            .filter(p -> !p.isEmpty() && known.contains(p.split("=", 2)[0].toUpperCase(Locale.ROOT)))
                            .map(p -> " " + p).collect(Collectors.joining());
                    original.execute(session, argument.substring(0, close + 1) + kept);
                });
    }

    public static final Fault SMTP_EXT_SMTPUTF8_WITHOUT_8BITMIME = new SmtpReplyRewrite("SMTP_EXT_SMTPUTF8_WITHOUT_8BITMIME",
            "EHLO lists SMTPUTF8 but not 8BITMIME (RFC 6531 §3.1 item 8)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250,
            reply -> SmtpReply.of(250, reply.texts().stream().filter(t -> !t.equalsIgnoreCase("8BITMIME")).toArray(String[]::new)));

    public static final Fault SMTP_BODY_8BITMIME_REFUSED = new SmtpCommandVariant("SMTP_BODY_8BITMIME_REFUSED",
            "MAIL with BODY=8BITMIME answered 555 though 8BITMIME is offered (RFC 6152 §3)", "MAIL",
            original -> (session, argument) -> {
                if (argument.toUpperCase(Locale.ROOT).contains("BODY=8BITMIME")) {
                    session.reply(SmtpStage.MAIL, SmtpReply.of(555, "5.5.4 BODY not supported"));
                } else {
                    original.execute(session, argument);
                }
            });

    public static final Fault SMTP_UTF8_SENDER_REFUSED = new SmtpCommandVariant("SMTP_UTF8_SENDER_REFUSED",
            "MAIL from a UTF-8 address with SMTPUTF8 answered 553 though SMTPUTF8 is offered (RFC 6531 §3.4)", "MAIL",
            original -> (session, argument) -> {
                if (argument.chars().anyMatch(c -> c > 127) && argument.toUpperCase(Locale.ROOT).contains("SMTPUTF8")) {
                    session.reply(SmtpStage.MAIL, SmtpReply.of(553, "5.6.7 UTF-8 addresses not accepted"));
                } else {
                    original.execute(session, argument);
                }
            });

    public static final Fault SMTP_NOTIFY_NEVER_COMBINED_ACCEPTED = new SmtpCommandVariant("SMTP_NOTIFY_NEVER_COMBINED_ACCEPTED",
            "RCPT with NOTIFY=NEVER,SUCCESS accepted (RFC 3461 §4.1: NEVER stands alone, 501)", "RCPT",
            original -> (session, argument) -> original.execute(session, argument.replaceAll("(?i)NOTIFY=NEVER,", "NOTIFY=")));

    // ---- ENHANCEDSTATUSCODES (RFC 2034) ----

    public static final Fault SMTP_NOOP_WITHOUT_STATUS_CODE = new SmtpReplyRewrite("SMTP_NOOP_WITHOUT_STATUS_CODE",
            "NOOP answered '250 OK' without an enhanced status code though ENHANCEDSTATUSCODES is offered (RFC 2034 §3)",
            SmtpStage.NOOP, reply -> SmtpReply.of(250, "OK"));

    // ---- CHUNKING (RFC 3030) ----

    public static final Fault SMTP_BDAT_REFUSED_CHUNK_UNREAD = new SmtpCommandVariant("SMTP_BDAT_REFUSED_CHUNK_UNREAD",
            "an out-of-sequence BDAT gets 503 but its chunk is left unread and taken for commands (RFC 3030 §2)", "BDAT",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction == null || transaction.recipients().isEmpty()) {
                    session.reply(SmtpStage.BDAT, SmtpReply.of(503, "5.5.1 Need MAIL and RCPT before BDAT"));
                } else {
                    original.execute(session, argument);
                }
            });

    public static final Fault SMTP_RSET_CLOSES_DURING_BDAT = new SmtpCommandVariant("SMTP_RSET_CLOSES_DURING_BDAT",
            "RSET after a BDAT chunk that is not LAST closes the connection without a reply, as Exim 4.96 does"
                    + " (RFC 3030 §2: it clears the chunks and resets; RFC 5321 §4.1.1.5: 250)", "RSET",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction != null && transaction.chunking()) session.drop();
                else original.execute(session, argument);
            });

    public static final Fault SMTP_RSET_KEEPS_BDAT_TRANSACTION = new SmtpCommandVariant("SMTP_RSET_KEEPS_BDAT_TRANSACTION",
            "RSET after a BDAT chunk that is not LAST gets 250 but the transaction stays open: the next MAIL is refused"
                    + " (RFC 3030 §2: it clears the chunks and resets the session)", "RSET",
            original -> (session, argument) -> {
                MailTransaction transaction = session.state().transaction();
                if (transaction != null && transaction.chunking() && argument.isEmpty()) session.reply(SmtpStage.RSET, SmtpReply.of(250, "2.0.0 OK"));
                else original.execute(session, argument);
            });

    // ---- what is stored ----

    public static final Fault STORE_CUTS_AT_DOT_LINE = new DeliveryRewrite("STORE_CUTS_AT_DOT_LINE",
            "a stored message ends at its first CRLF.CRLF, as if BDAT content had end-of-data handling (RFC 3030 §2)",
            deliveries -> deliveries.stream().map(d -> {
                String text = new String(d.content(), StandardCharsets.ISO_8859_1);
                int dot = text.indexOf("\r\n.\r\n");
                return dot < 0 ? d : d.withContent(text.substring(0, dot + 2).getBytes(StandardCharsets.ISO_8859_1));
            }).toList());

    public static final Fault STORE_STRIPS_EIGHTH_BIT = new DeliveryRewrite("STORE_STRIPS_EIGHTH_BIT",
            "8-bit octets are stored with the high bit cleared (RFC 6152: delivered unchanged)",
            deliveries -> deliveries.stream().map(d -> {
                byte[] copy = d.content().clone();
                for (int i = 0; i < copy.length; i++) copy[i] = (byte) (copy[i] & 0x7F);
                return d.withContent(copy);
            }).toList());

    public static final Fault STORE_LISTS_ALL_RECIPIENTS = new DeliveryRewrite("STORE_LISTS_ALL_RECIPIENTS",
            "every copy gets an X-Envelope-To field naming all recipients (RFC 5321 §7.2: reveals Bcc)",
            deliveries -> {
                String all = deliveries.stream().map(Delivery::forwardPath).collect(Collectors.joining(", "));
                return deliveries.stream().map(d -> {
                    byte[] field = ("X-Envelope-To: " + all + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    byte[] content = new byte[field.length + d.content().length];
                    System.arraycopy(field, 0, content, 0, field.length);
                    System.arraycopy(d.content(), 0, content, field.length, d.content().length);
                    return d.withContent(content);
                }).toList();
            });
}
