package io.mailharness.faultserver.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP fault catalogue. Generic faults are built by the factory methods; named faults
 * are constants, found by name through {@code FaultCatalogue}. To add one: a constant here
 * built on an existing hook ({@link SmtpReplyRewrite}, {@link SmtpCommandVariant},
 * {@link BodyInterruption}) — or a new hook interface if none fits.
 */
public final class SmtpFaults {

    private SmtpFaults() {
    }

    // ---- generic, parameterised faults ----

    /** Replaces every reply at {@code stage} with {@code code text}. */
    public static SmtpReplyFault replyAt(SmtpStage stage, int code, String text) {
        return new SmtpReplyRewrite("SMTP_REPLY_AT_" + stage + "_" + code,
                "replies " + code + " at " + stage + " whatever the conforming reply would be",
                stage, reply -> SmtpReply.of(code, text));
    }

    /** At {@code stage} the server sends nothing more and reads nothing more; the connection stays open. */
    public static SmtpReplyFault stallAt(SmtpStage stage) {
        return new SmtpReplyRewrite("SMTP_STALL_AT_" + stage,
                "stops answering at " + stage + " (connection held open until the server closes)",
                stage, reply -> SmtpReply.stall());
    }

    /** At {@code stage} the server closes the connection without a reply. */
    public static SmtpReplyFault dropAt(SmtpStage stage) {
        return new SmtpReplyRewrite("SMTP_DROP_AT_" + stage,
                "closes the connection without a reply at " + stage + " (RFC 5321 §3.8: only after 221/421)",
                stage, reply -> SmtpReply.raw(0).thenClose());
    }

    /** Closes the connection once {@code octets} octets of message data (DATA or BDAT) arrived. */
    public static SmtpBodyFault dropAfterBodyOctets(long octets) {
        return new BodyInterruption("SMTP_DROP_MID_DATA_AFTER_" + octets,
                "drops the connection mid-DATA after " + octets + " body octets", octets, BodyAction.DROP);
    }

    /** Stops reading and answering once {@code octets} octets of message data arrived. */
    public static SmtpBodyFault stallAfterBodyOctets(long octets) {
        return new BodyInterruption("SMTP_STALL_MID_DATA_AFTER_" + octets,
                "stops answering mid-DATA after " + octets + " body octets", octets, BodyAction.STALL);
    }

    // ---- named faults for conformance checks ----

    public static final SmtpReplyFault SMTP_GREETING_NOT_220 = new SmtpReplyRewrite("SMTP_GREETING_NOT_220",
            "greeting uses reply code 250 instead of 220 (RFC 5321 §3.1, §4.3.1)",
            SmtpStage.GREETING, reply -> SmtpReply.of(250, reply.texts().getFirst()));

    public static final SmtpReplyFault SMTP_EHLO_CONTINUATION_CODE_MISMATCH = new SmtpReplyRewrite(
            "SMTP_EHLO_CONTINUATION_CODE_MISMATCH",
            "EHLO reply has a continuation line with code 251 (RFC 5321 §4.2.1: same code on every line)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250 && reply.lines().size() > 2,
            reply -> reply.withLines(replaceLine(reply.lines(), 1, "251" + reply.lines().get(1).substring(3))));

    public static final SmtpReplyFault SMTP_EHLO_EARLY_LAST_LINE = new SmtpReplyRewrite("SMTP_EHLO_EARLY_LAST_LINE",
            "EHLO reply has '250 ' on its first line though more lines follow (RFC 5321 §4.2.1)",
            SmtpStage.EHLO, (reply, state) -> reply.code() == 250 && reply.lines().size() > 1,
            reply -> reply.withLines(replaceLine(reply.lines(), 0, "250 " + reply.lines().getFirst().substring(4))));

    public static final SmtpReplyFault SMTP_HELO_MULTILINE = new SmtpReplyRewrite("SMTP_HELO_MULTILINE",
            "HELO answered with an EHLO-style multi-line 250 (RFC 5321 §4.1.1.1)",
            SmtpStage.HELO, (reply, state) -> reply.code() == 250,
            reply -> SmtpReply.of(250, reply.texts().getFirst(), "PIPELINING", "8BITMIME"));

    public static final SmtpReplyFault SMTP_NOOP_NOT_250 = new SmtpReplyRewrite("SMTP_NOOP_NOT_250",
            "NOOP answered 502 instead of 250 (RFC 5321 §4.1.1.9)",
            SmtpStage.NOOP, reply -> SmtpReply.of(502, "5.5.1 NOOP refused"));

    public static final SmtpReplyFault SMTP_QUIT_NOT_221 = new SmtpReplyRewrite("SMTP_QUIT_NOT_221",
            "QUIT answered 250 instead of 221, then closes (RFC 5321 §4.1.1.10)",
            SmtpStage.QUIT, (reply, state) -> reply.code() == 221,
            reply -> SmtpReply.of(250, "2.0.0 Bye").thenClose());

    public static final SmtpReplyFault SMTP_QUIT_NOT_CLOSING = new SmtpReplyRewrite("SMTP_QUIT_NOT_CLOSING",
            "QUIT answered 221 but the connection stays open (RFC 5321 §4.1.1.10)",
            SmtpStage.QUIT, (reply, state) -> reply.code() == 221, SmtpReply::thenContinue);

    public static final SmtpReplyFault SMTP_UNKNOWN_COMMAND_250 = new SmtpReplyRewrite("SMTP_UNKNOWN_COMMAND_250",
            "unknown command answered 250 instead of 500 (RFC 5321 §4.2.4)",
            SmtpStage.UNKNOWN, (reply, state) -> reply.code() == 500, reply -> SmtpReply.of(250, "2.0.0 OK"));

    public static final SmtpReplyFault SMTP_RCPT_WITHOUT_MAIL_NOT_503 = new SmtpReplyRewrite(
            "SMTP_RCPT_WITHOUT_MAIL_NOT_503",
            "RCPT before MAIL answered 250 instead of 503 (RFC 5321 §3.3)",
            SmtpStage.RCPT, (reply, state) -> reply.code() == 503 && state.transaction() == null,
            reply -> SmtpReply.of(250, "2.1.5 OK"));

    public static final SmtpCommandFault SMTP_BARE_LF_ENDS_DATA = new SmtpCommandVariant("SMTP_BARE_LF_ENDS_DATA",
            "LF.LF, LF.CRLF and CRLF.LF end the message data: SMTP smuggling (RFC 5321 §4.1.1.4, §2.3.8)",
            "DATA", original -> new DataCommand(new DataRules(true, false, true)));

    public static final SmtpCommandFault SMTP_NO_DOT_UNSTUFFING = new SmtpCommandVariant("SMTP_NO_DOT_UNSTUFFING",
            "stored message keeps the stuffing dot of lines starting with '.' (RFC 5321 §4.5.2)",
            "DATA", original -> new DataCommand(new DataRules(false, true, false)));

    public static final SmtpCommandFault SMTP_BARE_LINE_ENDS_STORED_RAW = new SmtpCommandVariant(
            "SMTP_BARE_LINE_ENDS_STORED_RAW",
            "bare CR/LF in message data accepted and stored raw (RFC 5321 §2.3.8; lenient, a WARN)",
            "DATA", original -> new DataCommand(new DataRules(true, false, false)));

    // ---- STARTTLS and AUTH (RFC 3207, RFC 4954): faults on the session state, see TlsSessionFaults ----

    public static final SmtpCommandFault SMTP_STARTTLS_ANSWERS_PLAINTEXT_INJECTION = new SmtpCommandVariant(
            "SMTP_STARTTLS_ANSWERS_PLAINTEXT_INJECTION",
            "commands pipelined in clear after STARTTLS are answered inside TLS (RFC 3207 §4.2, CVE-2011-0411)",
            "STARTTLS", original -> TlsSessionFaults.startTlsKeeping(TlsSessionFaults.Kept.PLAINTEXT_INPUT, original));

    public static final SmtpCommandFault SMTP_STARTTLS_KEEPS_TRANSACTION = new SmtpCommandVariant(
            "SMTP_STARTTLS_KEEPS_TRANSACTION",
            "the EHLO name and the open transaction survive the TLS handshake (RFC 3207 §4.2: discard all knowledge)",
            "STARTTLS", original -> TlsSessionFaults.startTlsKeeping(TlsSessionFaults.Kept.GREETING_AND_TRANSACTION, original));

    public static final SmtpCommandFault SMTP_STARTTLS_KEEPS_LOGIN = new SmtpCommandVariant(
            "SMTP_STARTTLS_KEEPS_LOGIN",
            "an AUTH login from before STARTTLS survives the handshake (RFC 3207 §4.2; session fixation)",
            "STARTTLS", original -> TlsSessionFaults.startTlsKeeping(TlsSessionFaults.Kept.LOGIN, original));

    public static final SmtpCommandFault SMTP_AUTH_PLAIN_WITHOUT_TLS = new SmtpCommandVariant(
            "SMTP_AUTH_PLAIN_WITHOUT_TLS",
            "AUTH PLAIN with an initial response is accepted before STARTTLS (RFC 4954 §4: no plaintext passwords in clear)",
            "AUTH", TlsSessionFaults::plainAuthWithoutTls);

    private static List<String> replaceLine(List<String> lines, int index, String line) {
        List<String> changed = new ArrayList<>(lines);
        changed.set(index, line);
        return changed;
    }
}
