package io.mailharness.client;

import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.ReplyLimits;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One POP3 connection (RFC 1939), one method per command. Each returns the raw response; only a step that
 * cannot complete (timeout, dropped connection, a response beyond the target's reply limits, garbage)
 * throws {@link MailProtocolException}, and the connection is closed then.
 *
 * <p>POP3 is spoken here directly rather than through Commons Net, whose reader would hold a line, a
 * listing or a message of any length: every response is read by {@link ReplyReader} within the reply
 * limits, and each step — command, status line and any multi-line body — within the read timeout.
 */
public final class Pop3Session implements AutoCloseable {

    private final ClientSocket plain;
    private final Pop3Settings settings;
    private final TlsSettings tls;
    private final ReplyLimits limits;
    private final StepDeadline deadline;
    private final Transcript transcript;
    private final CredentialMask mask = new CredentialMask();
    private Socket socket;
    private ReplyReader reader;
    private OutputStream out;
    private Pop3Reply greeting;
    private Pop3Reply last = new Pop3Reply("", List.of());

    private Pop3Session(ClientSocket plain, Pop3Settings settings, TlsSettings tls, Timeouts timeouts, ReplyLimits limits, Transcript transcript) {
        this.plain = plain;
        this.settings = settings;
        this.tls = tls;
        this.limits = limits;
        this.deadline = new StepDeadline(plain, timeouts.read());
        this.transcript = transcript;
    }

    /** Connects and reads the greeting (TLS first for POP3S), with the default reply limits. */
    public static Pop3Session connect(Pop3Settings pop3, TlsSettings tls, Timeouts timeouts, Transcript transcript) throws MailProtocolException {
        return connect(pop3, tls, timeouts, ReplyLimits.defaults(), transcript, SocketTally.NONE);
    }

    /** Connects to the target's POP3 service and reads the greeting, within the target's timeouts and reply limits. */
    public static Pop3Session connect(TargetSettings target, Transcript transcript, SocketTally tally) throws MailProtocolException {
        return connect(target.requirePop3(), target.tls(), target.timeouts(), target.limits(), transcript, tally);
    }

    /**
     * Connects and reads the greeting: the connection within the connect timeout, the greeting (and a POP3S
     * handshake) within the read timeout after it.
     */
    public static Pop3Session connect(Pop3Settings pop3, TlsSettings tls, Timeouts timeouts, ReplyLimits limits, Transcript transcript,
                                      SocketTally tally) throws MailProtocolException {
        Pop3Session session = new Pop3Session(new ClientSocket(tally), pop3, tls, timeouts, limits, transcript);
        String step = "connect to POP3 " + pop3.endpoint();
        long limit = timeouts.connect().toMillis() + timeouts.read().toMillis();
        session.deadline.start(limit);
        try {
            session.plain.connect(new InetSocketAddress(pop3.endpoint().host(), pop3.endpoint().port()), SmtpSession.millis(timeouts.connect()));
            session.plain.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limit)); // a backstop only: the step deadline ends steps first
            session.plain.setTcpNoDelay(true);
            session.use(pop3.security() == Pop3Security.TLS ? TlsTrust.layer(session.plain, pop3.endpoint().host(), pop3.endpoint().port(), tls) : session.plain);
            session.greeting = session.readStatus(step);
            return session;
        } catch (IOException e) {
            session.close();
            throw session.deadline.failure(step, e, limit);
        } finally {
            session.deadline.stop();
        }
    }

    /** Connects, upgrades with STLS when the settings ask for it, and logs in with USER/PASS. */
    public static Pop3Session open(TargetSettings target, Account account, Transcript transcript) throws MailProtocolException {
        Pop3Settings pop3 = target.requirePop3();
        Pop3Session session = connect(target, transcript, SocketTally.NONE);
        try {
            session.expectOk("greeting", session.greeting());
            if (pop3.security() == Pop3Security.STLS) session.expectOk("STLS", session.stls());
            session.expectOk("USER", session.user(account.user()));
            session.expectOk("PASS", session.pass(account.password()));
            return session;
        } catch (MailProtocolException e) {
            session.close();
            throw e;
        }
    }

    private void expectOk(String step, Pop3Reply reply) throws MailProtocolException {
        if (!reply.isOk()) throw new MailProtocolException(step, "server replied " + Transcript.visible(reply.statusLine()), null);
    }

    private void use(Socket current) throws IOException {
        socket = current;
        reader = new ReplyReader(current.getInputStream(), limits);
        out = current.getOutputStream();
    }

    public Pop3Reply greeting() {
        return greeting;
    }

    /** STLS (RFC 2595): on +OK the TLS handshake follows at once, within the same step. */
    public Pop3Reply stls() throws MailProtocolException {
        return step("STLS", () -> {
            command("STLS");
            Pop3Reply reply = readStatus("STLS");
            if (reply.isOk()) use(TlsTrust.layer(plain, settings.endpoint().host(), settings.endpoint().port(), tls));
            return reply;
        });
    }

    public Pop3Reply user(String user) throws MailProtocolException {
        return single("USER", "USER " + user);
    }

    public Pop3Reply pass(String password) throws MailProtocolException {
        return single("PASS", "PASS " + password);
    }

    /**
     * APOP name digest (RFC 1939 §7): the MD5 of the greeting's timestamp followed by the shared secret.
     * Without a timestamp in the greeting the server does not offer APOP, which is a negative reply here.
     */
    public Pop3Reply apop(Account account) throws MailProtocolException {
        Optional<String> timestamp = apopTimestamp();
        if (timestamp.isEmpty()) return new Pop3Reply(Apop.NOT_OFFERED, List.of());
        return single("APOP", "APOP " + account.user() + " " + Apop.digest(timestamp.get(), account.password()));
    }

    /** The msg-id-shaped timestamp of the greeting, e.g. {@code <1896.697170952@dbc.mtview.ca.us>}. */
    public Optional<String> apopTimestamp() {
        return Apop.timestamp(greeting.statusLine());
    }

    public Pop3Reply stat() throws MailProtocolException {
        return single("STAT", "STAT");
    }

    /** STAT parsed: message count and maildrop size in octets. */
    public MaildropStat maildropStat() throws MailProtocolException {
        return MaildropStat.parse(stat());
    }

    public Pop3Reply list() throws MailProtocolException {
        return listing("LIST", "LIST");
    }

    public Pop3Reply list(int message) throws MailProtocolException {
        return single("LIST", "LIST " + message);
    }

    public Pop3Reply uidl() throws MailProtocolException {
        return listing("UIDL", "UIDL");
    }

    public Pop3Reply uidl(int message) throws MailProtocolException {
        return single("UIDL", "UIDL " + message);
    }

    /** Scan listings from LIST: message number and size. */
    public List<ScanListing> scanListings() throws MailProtocolException {
        return ScanListing.parseAll(list());
    }

    /** Unique-id listings from UIDL: message number and unique-id. */
    public List<UniqueIdListing> uniqueIdListings() throws MailProtocolException {
        return UniqueIdListing.parseAll(uidl());
    }

    /** RETR n: the message octets with byte-stuffing removed, or null on -ERR. */
    public byte[] retr(int message) throws MailProtocolException {
        return content("RETR", "RETR " + message);
    }

    /** TOP n lines: headers, blank line and the first lines of the body, or null on -ERR. */
    public byte[] top(int message, int lines) throws MailProtocolException {
        return content("TOP", "TOP " + message + " " + lines);
    }

    public Pop3Reply dele(int message) throws MailProtocolException {
        return single("DELE", "DELE " + message);
    }

    public Pop3Reply rset() throws MailProtocolException {
        return single("RSET", "RSET");
    }

    public Pop3Reply noop() throws MailProtocolException {
        return single("NOOP", "NOOP");
    }

    /** QUIT: in TRANSACTION state this enters the UPDATE state, where marked messages are removed. */
    public Pop3Reply quit() throws MailProtocolException {
        return single("QUIT", "QUIT");
    }

    /** The status line of the last response. */
    public Pop3Reply lastReply() {
        return new Pop3Reply(last.statusLine(), List.of());
    }

    public boolean isConnected() {
        return plain.isConnected() && !plain.isClosed();
    }

    /** Closes the connection without QUIT; safe to call more than once. */
    @Override
    public void close() {
        plain.closeQuietly(); // the plain socket first: a TLS close then never waits on a server that stopped reading
        if (socket != null && socket != plain) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** One step — command, status line, any body — within the step deadline; a step that cannot complete closes the connection. */
    private <T> T step(String name, Step<T> step) throws MailProtocolException {
        deadline.start();
        try {
            return step.run();
        } catch (IOException e) {
            close();
            IOException cause = e instanceof PartialContent p ? (IOException) p.getCause() : e;
            MailProtocolException failure = deadline.failure(name, cause, deadline.limitMillis());
            throw e instanceof PartialContent p ? failure.withPartialContent(p.octets) : failure;
        } finally {
            deadline.stop();
        }
    }

    private Pop3Reply single(String name, String line) throws MailProtocolException {
        return step(name, () -> {
            command(line);
            return readStatus(name);
        });
    }

    /** A multi-line listing (LIST, UIDL): the body lines as received, still byte-stuffed, without the final ".". */
    private Pop3Reply listing(String name, String line) throws MailProtocolException {
        return step(name, () -> {
            command(line);
            Pop3Reply status = readStatus(name);
            if (!status.isOk()) return status;
            List<String> body = new ArrayList<>();
            while (true) {
                byte[] octets = reader.replyLine();
                if (octets == null) throw new EOFException("connection closed before the end of the listing (no final \".\")");
                String text = new String(octets, StandardCharsets.ISO_8859_1);
                if (text.equals(".")) break;
                body.add(text);
            }
            last = new Pop3Reply(status.statusLine(), body);
            return last;
        });
    }

    /** RETR or TOP: the content with byte-stuffing removed and CRLF line ends, or null on -ERR. */
    private byte[] content(String name, String line) throws MailProtocolException {
        return step(name, () -> {
            command(line);
            if (!readStatus(name).isOk()) return null;
            ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
            try {
                while (true) {
                    byte[] octets = reader.contentLine();
                    if (octets == null) throw new EOFException("connection closed before the end of the message (no final \".\")");
                    if (octets.length == 1 && octets[0] == '.') return message.toByteArray();
                    int stuffing = octets.length > 0 && octets[0] == '.' ? 1 : 0;
                    message.write(octets, stuffing, octets.length - stuffing);
                    message.write('\r');
                    message.write('\n');
                }
            } catch (IOException e) {
                throw new PartialContent(e, message.toByteArray());
            }
        });
    }

    /** A retrieval cut off part way, with the octets that had arrived. */
    private static final class PartialContent extends IOException {
        final byte[] octets;

        PartialContent(IOException cause, byte[] octets) {
            super(cause.getMessage(), cause);
            this.octets = octets;
        }
    }

    private void command(String line) throws IOException {
        if (transcript != null) transcript.client(mask.clientLine(line + "\r\n"));
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A status line: {@code +OK …} or {@code -ERR …} (anything else is returned as is, for the caller to judge). */
    private Pop3Reply readStatus(String name) throws IOException {
        reader.startReply(name);
        byte[] octets = reader.replyLine();
        if (octets == null) throw new EOFException("no response");
        String status = new String(octets, StandardCharsets.ISO_8859_1);
        mask.serverLine(status);
        if (transcript != null) transcript.server(status + "\r\n");
        last = new Pop3Reply(status, List.of());
        return last;
    }
}
