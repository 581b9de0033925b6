package io.mailharness.faultserver.conformance;

import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.pop3.MaildropSnapshot;
import io.mailharness.faultserver.pop3.Pop3Command;
import io.mailharness.faultserver.pop3.Pop3CommandVariant;
import io.mailharness.faultserver.pop3.Pop3Phase;
import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3ReplyRewrite;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.store.StoredMessage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * POP3 faults for the RFC 1939 session model and the RFC 2449 / 2595 / 5034 / 6856 extensions that the fault
 * server's catalogue lacks, built on its public hooks. Each breaks one rule; named {@code POP3_…}.
 */
public final class Pop3RuleFaults {
    private Pop3RuleFaults() {}

    // ---- RFC 1939 §3 responses ----

    public static final Fault POP3_NOOP_STATUS_OVER_512 = new Pop3ReplyRewrite("POP3_NOOP_STATUS_OVER_512",
            "NOOP answered by a 606-octet status line (RFC 1939 §3: at most 512 octets including CRLF)",
            Pop3Stage.NOOP, reply -> Pop3Reply.ok("x".repeat(600)));

    public static final Fault POP3_UNKNOWN_LOWERCASE_ERR = new Pop3ReplyRewrite("POP3_UNKNOWN_LOWERCASE_ERR",
            "an unknown command answered '-err' in lower case (RFC 1939 §3: status indicators in upper case)",
            Pop3Stage.UNKNOWN, reply -> Pop3Reply.raw("-err unknown command"));

    public static final Fault POP3_NOOP_TWO_RESPONSES = new Pop3ReplyRewrite("POP3_NOOP_TWO_RESPONSES",
            "NOOP answered with two status lines (RFC 1939 §3: one response per command)",
            Pop3Stage.NOOP, reply -> Pop3Reply.raw("+OK\r\n+OK again"));

    public static final Fault POP3_USER_REFUSED = new Pop3ReplyRewrite("POP3_USER_REFUSED",
            "USER with a valid user name answered -ERR (RFC 1939 §7: +OK, or -ERR only for an unknown mailbox)",
            Pop3Stage.USER, reply -> reply.isOk() ? Pop3Reply.err("no mailbox here by that name") : reply);

    public static final Fault POP3_RSET_TWO_RESPONSES = new Pop3ReplyRewrite("POP3_RSET_TWO_RESPONSES",
            "RSET answered with two status lines (RFC 1939 §3: one response per command)",
            Pop3Stage.RSET, reply -> reply.isOk() ? Pop3Reply.raw("+OK\r\n+OK maildrop reset") : reply);

    public static final Fault POP3_QUIT_TWO_RESPONSES = new Pop3ReplyRewrite("POP3_QUIT_TWO_RESPONSES",
            "QUIT answered with two status lines before the close (RFC 1939 §3: one response per command)",
            Pop3Stage.QUIT, reply -> reply.isOk() ? reply.withStatus(reply.status() + "\r\n+OK logging out") : reply);

    public static final Fault POP3_RETR_NO_FINAL_CRLF = new Pop3CommandVariant("POP3_RETR_NO_FINAL_CRLF",
            "RETR of a message without a final CRLF appends '.CRLF' right after its last octet (RFC 1939 §3: CRLF.CRLF)",
            "RETR", original -> retr(message -> stuff(message.content(), false)));

    public static final Fault POP3_RETR_STUFFS_AFTER_CRLF_ONLY = new Pop3CommandVariant("POP3_RETR_STUFFS_AFTER_CRLF_ONLY",
            "RETR stuffs '.' only at the start of CRLF lines, not after a stored bare LF or CR (RFC 1939 §3)",
            "RETR", original -> retr(message -> stuff(MaildropSnapshot.octets(message), true)));

    // ---- RFC 1939 §4-§7 session model ----

    public static final Fault POP3_PASS_FIRST_WORD_ONLY = new Pop3CommandVariant("POP3_PASS_FIRST_WORD_ONLY",
            "PASS takes the argument up to the first space as the password (RFC 1939 §7: spaces may be part of it)",
            "PASS", original -> (session, argument) -> original.execute(session, argument.split(" ", 2)[0]));

    public static final Fault POP3_STAT_LIVE_MAILDROP = new Pop3CommandVariant("POP3_STAT_LIVE_MAILDROP",
            "STAT counts the maildrop as it is now, mail that arrived during the session included (RFC 1939 §4)",
            "STAT", original -> (session, argument) -> {
                List<StoredMessage> now = session.state().snapshot().maildrop().messages();
                long octets = now.stream().mapToLong(m -> MaildropSnapshot.octets(m).length).sum();
                session.reply(Pop3Stage.STAT, Pop3Reply.ok(now.size() + " " + octets));
            });

    // ---- RFC 2449 CAPA, LOGIN-DELAY; RFC 2595 STLS; RFC 5034 AUTH; RFC 6856 UTF8 ----

    public static final Fault POP3_CAPA_AFTER_LOGIN_DROPS_TOP = new Pop3ReplyRewrite("POP3_CAPA_AFTER_LOGIN_DROPS_TOP",
            "CAPA after login leaves out TOP, though TOP still works (RFC 2449 §5: announced in both states)",
            Pop3Stage.CAPA, (reply, state) -> reply.isOk() && state.phase() == Pop3Phase.TRANSACTION,
            reply -> withBody(reply, body -> body.replace("TOP\r\n", "")));

    public static final Fault POP3_TOP_LISTED_NOT_SUPPORTED = new Pop3CommandVariant("POP3_TOP_LISTED_NOT_SUPPORTED",
            "CAPA lists TOP but TOP answers -ERR (RFC 2449 §6: a listed capability works)",
            "TOP", original -> (session, argument) -> session.reply(Pop3Stage.TOP, Pop3Reply.err("TOP not supported")));

    public static final Fault POP3_LOGIN_DELAY_NOT_ENFORCED = new Pop3ReplyRewrite("POP3_LOGIN_DELAY_NOT_ENFORCED",
            "CAPA announces LOGIN-DELAY 900 but a second login right away is accepted (RFC 2449 §6.5)",
            Pop3Stage.CAPA, (reply, state) -> reply.isOk(),
            reply -> withBody(reply, body -> body.replace("LOGIN-DELAY 0\r\n", "LOGIN-DELAY 900\r\n")));

    public static final Fault POP3_STLS_LISTED_INSIDE_TLS = new Pop3ReplyRewrite("POP3_STLS_LISTED_INSIDE_TLS",
            "CAPA inside TLS still lists STLS (RFC 2595 §4: not offered once TLS is active)",
            Pop3Stage.CAPA, (reply, state) -> reply.isOk() && state.tls(),
            reply -> withBody(reply, body -> body.substring(0, body.length() - 3) + "STLS\r\n.\r\n"));

    public static final Fault POP3_AUTH_CHALLENGE_WITHOUT_SPACE = new Pop3ReplyRewrite("POP3_AUTH_CHALLENGE_WITHOUT_SPACE",
            "the AUTH continuation is '+' without the space (RFC 5034 §4: '+' SP base64)",
            Pop3Stage.AUTH, (reply, state) -> "+ ".equals(reply.status()), reply -> Pop3Reply.raw("+"));

    public static final Fault POP3_AUTH_CANCEL_OK = new Pop3ReplyRewrite("POP3_AUTH_CANCEL_OK",
            "an AUTH exchange cancelled with '*' answered +OK (RFC 5034 §4: -ERR)",
            Pop3Stage.AUTH, (reply, state) -> reply.status() != null && reply.status().contains("cancelled"),
            reply -> Pop3Reply.ok("cancelled"));

    public static final Fault POP3_UTF8_AFTER_LOGIN_OK = new Pop3ReplyRewrite("POP3_UTF8_AFTER_LOGIN_OK",
            "UTF8 after login answered +OK (RFC 6856 §2: AUTHORIZATION state only)",
            Pop3Stage.UTF8, (reply, state) -> state.phase() == Pop3Phase.TRANSACTION, reply -> Pop3Reply.ok("UTF8 enabled"));

    // ---- helpers ----

    private static Pop3Reply withBody(Pop3Reply reply, Function<String, String> change) {
        String body = new String(reply.body(), StandardCharsets.ISO_8859_1);
        return new Pop3Reply(reply.status(), change.apply(body).getBytes(StandardCharsets.ISO_8859_1), reply.after());
    }

    /** A RETR whose body (stuffed and terminated) is made by {@code body} from the stored message. */
    private static Pop3Command retr(Function<StoredMessage, byte[]> body) {
        return (session, argument) -> {
            Optional<StoredMessage> message = argument.matches("[0-9]{1,9}")
                    ? session.state().snapshot().message(Integer.parseInt(argument)) : Optional.empty();
            if (message.isEmpty()) {
                session.reply(Pop3Stage.RETR, Pop3Reply.err("No such message"));
                return;
            }
            byte[] octets = MaildropSnapshot.octets(message.get());
            session.reply(Pop3Stage.RETR, new Pop3Reply("+OK " + octets.length + " octets", body.apply(message.get()), Pop3Reply.After.CONTINUE));
        };
    }

    /** Byte-stuffs and appends ".CRLF"; {@code crlfLinesOnly}: a line starts only after CRLF (the faulty reading). */
    private static byte[] stuff(byte[] content, boolean crlfLinesOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < content.length; i++) {
            boolean lineStart = i == 0 || (crlfLinesOnly
                    ? content[i - 1] == '\n' && i >= 2 && content[i - 2] == '\r'
                    : content[i - 1] == '\n' || content[i - 1] == '\r');
            if (lineStart && content[i] == '.') out.write('.');
            out.write(content[i]);
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
