package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Credentials;

import java.nio.charset.StandardCharsets;

/**
 * The POP3 fault catalogue. Generic faults come from the factory methods; named faults are
 * constants, found by name through {@code FaultCatalogue}. To add one: a constant here built
 * on {@link Pop3ReplyRewrite} or {@link Pop3CommandVariant}.
 */
public final class Pop3Faults {

    private Pop3Faults() {
    }

    // ---- generic, parameterised faults ----

    /** Replaces every response at {@code stage} by the status line {@code statusLine} (sent as is). */
    public static Pop3ReplyFault replyAt(Pop3Stage stage, String statusLine) {
        return new Pop3ReplyRewrite("POP3_REPLY_AT_" + stage,
                "answers '" + statusLine + "' at " + stage + " whatever the conforming response would be",
                stage, reply -> Pop3Reply.raw(statusLine));
    }

    /** At {@code stage} the server sends and reads nothing more; the connection stays open. */
    public static Pop3ReplyFault stallAt(Pop3Stage stage) {
        return new Pop3ReplyRewrite("POP3_STALL_AT_" + stage,
                "stops answering at " + stage + " (connection held open until the server closes)",
                stage, reply -> Pop3Reply.stall());
    }

    /** At {@code stage} the server closes the connection without a response. */
    public static Pop3ReplyFault dropAt(Pop3Stage stage) {
        return new Pop3ReplyRewrite("POP3_DROP_AT_" + stage,
                "closes the connection without a response at " + stage,
                stage, reply -> Pop3Reply.none().thenClose());
    }

    /** LIST reports every size {@code skew} octets off. */
    public static Pop3CommandFault listSizeOffBy(int skew) {
        return new Pop3CommandVariant("POP3_LIST_SIZE_OFF_BY_" + skew,
                "LIST sizes are " + skew + " octets off the RETR length (RFC 1939 §5, §11: exact size)",
                "LIST", original -> new ListCommand(skew));
    }

    // ---- named faults for conformance checks ----

    public static final Pop3ReplyFault POP3_GREETING_ERR = new Pop3ReplyRewrite("POP3_GREETING_ERR",
            "greeting is -ERR instead of +OK (RFC 1939 §4)",
            Pop3Stage.GREETING, reply -> Pop3Reply.err("Service not available"));

    public static final Pop3ReplyFault POP3_GREETING_LOWERCASE_OK = new Pop3ReplyRewrite("POP3_GREETING_LOWERCASE_OK",
            "greeting status '+ok' in lower case (RFC 1939 §3: MUST be upper case)",
            Pop3Stage.GREETING, (reply, state) -> reply.isOk(),
            reply -> reply.withStatus("+ok" + reply.status().substring(3)));

    public static final Pop3CommandFault POP3_PASS_WITHOUT_USER = new Pop3CommandVariant("POP3_PASS_WITHOUT_USER",
            "PASS accepted without a preceding USER (RFC 1939 §7)",
            "PASS", original -> new PassCommand(false, true));

    public static final Pop3CommandFault POP3_WRONG_PASSWORD_ACCEPTED = new Pop3CommandVariant(
            "POP3_WRONG_PASSWORD_ACCEPTED",
            "PASS accepts any password for an existing user (RFC 1939 §7)",
            "PASS", original -> new PassCommand(true, false));

    public static final Pop3ReplyFault POP3_STAT_DOUBLE_SPACE = new Pop3ReplyRewrite("POP3_STAT_DOUBLE_SPACE",
            "STAT answers '+OK nn  mm' with two spaces (RFC 1939 §5: single spaces)",
            Pop3Stage.STAT, (reply, state) -> reply.isOk(),
            reply -> reply.withStatus(reply.status().replaceFirst("^(\\+OK [0-9]+) ", "$1  ")));

    public static final Pop3ReplyFault POP3_STAT_NO_SIZE = new Pop3ReplyRewrite("POP3_STAT_NO_SIZE",
            "STAT answers '+OK nn' without the size (RFC 1939 §5)",
            Pop3Stage.STAT, (reply, state) -> reply.isOk(),
            reply -> reply.withStatus(reply.status().replaceFirst("^(\\+OK [0-9]+) [0-9]+$", "$1")));

    public static final Pop3ReplyFault POP3_QUIT_NO_REPLY = new Pop3ReplyRewrite("POP3_QUIT_NO_REPLY",
            "QUIT closes the connection without a +OK (RFC 1939 §6)",
            Pop3Stage.QUIT, reply -> Pop3Reply.none().thenClose());

    public static final Pop3CommandFault POP3_LIST_SIZE_OFF_BY_1 = listSizeOffBy(1);

    public static final Pop3CommandFault POP3_RETR_NOT_BYTE_STUFFED = new Pop3CommandVariant(
            "POP3_RETR_NOT_BYTE_STUFFED",
            "RETR sends lines starting with '.' without byte-stuffing (RFC 1939 §3)",
            "RETR", original -> new RetrCommand(false));

    public static final Pop3CommandFault POP3_DELE_WITHOUT_QUIT = new Pop3CommandVariant("POP3_DELE_WITHOUT_QUIT",
            "DELE removes the message at once, so a drop without QUIT still deletes it (RFC 1939 §6)",
            "DELE", original -> new DeleCommand(true));

    public static final Pop3CommandFault POP3_UIDL_DUPLICATED = new Pop3CommandVariant("POP3_UIDL_DUPLICATED",
            "UIDL derives the unique-id from the content, so identical messages share it (RFC 1939 §7)",
            "UIDL", original -> new UidlCommand((number, message) ->
                    Credentials.md5Hex(new String(message.content(), StandardCharsets.ISO_8859_1))));

    public static final Pop3CommandFault POP3_STLS_KEEPS_PLAINTEXT = new Pop3CommandVariant("POP3_STLS_KEEPS_PLAINTEXT",
            "commands sent in plaintext right behind STLS are executed after the handshake "
                    + "(RFC 2595 §4; CVE-2021-38084 command injection)",
            "STLS", original -> new StlsCommand(false));

    public static final Pop3CommandFault POP3_NO_MAILDROP_LOCK = new Pop3CommandVariant("POP3_NO_MAILDROP_LOCK",
            "PASS opens the maildrop without the exclusive-access lock, so two sessions share it (RFC 1939 §4)",
            "PASS", original -> new PassCommand(true, true, false));

    public static final Pop3CommandFault POP3_PIPELINED_COMMAND_REFUSED = new Pop3CommandVariant(
            "POP3_PIPELINED_COMMAND_REFUSED",
            "LIST sent in one write with further commands gets -ERR though CAPA lists PIPELINING (RFC 2449 §6.6)",
            "LIST", original -> (session, argument) -> {
                if (session.inputPending()) {
                    session.reply(Pop3Stage.LIST, Pop3Reply.err("Pipelining not allowed"));
                } else {
                    original.execute(session, argument);
                }
            });

    public static final Pop3CommandFault POP3_UIDL_REUSED = new Pop3CommandVariant("POP3_UIDL_REUSED",
            "UIDL uses the message number as unique-id, so ids change and are reused across sessions (RFC 1939 §7)",
            "UIDL", original -> new UidlCommand((number, message) -> "msg" + number));
}
