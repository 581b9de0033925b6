package io.mailharness.client;

import io.mailharness.protocol.DotStuffing;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;

import io.mailharness.settings.ReplyLimits;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One SMTP connection over Commons Net, one method per protocol step. Each step returns the raw reply;
 * only a step that cannot complete at all (timeout, dropped connection, a reply beyond the target's reply
 * limits, garbage instead of a reply) throws {@link MailProtocolException}, and the connection is closed then.
 *
 * <p>Each step — command, then the complete reply — must end within the target's read timeout: a deadline
 * per step, not per read. Replies are read by {@link ReplyReader} within the reply limits, not by Commons
 * Net, whose reader holds any line in memory however long; Commons Net writes the commands and does TLS and
 * the SASL exchanges. A 421 is a reply like any other (RFC 5321 §3.8: the server is closing), not an error.
 * Message content and pipelined command groups (RFC 2920) go to the socket in one write each.
 */
public final class SmtpSession implements AutoCloseable {
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};

    private final Client client;
    private final ClientSocket socket;
    private final StepDeadline deadline;
    private final SmtpReply greeting;
    private Set<String> extensions = Set.of();
    private boolean awaitingData;
    private int pendingReplies;

    /** Commons Net's client, reading replies through the bounded reader and writing octets straight to the socket. */
    private static final class Client extends AuthenticatingSMTPClient {
        private final ReplyLimits limits;
        private InputStream readerSource;
        private ReplyReader replies;
        private SmtpReply last;
        private String step = "greeting";

        Client(boolean implicitTls, javax.net.ssl.SSLContext context, ReplyLimits limits) {
            super(implicitTls, context);
            this.limits = limits;
        }

        /** Every reply Commons Net waits for comes through here, from whatever stream is current (plain, then TLS). */
        @Override
        public int getReply() throws IOException {
            if (_input_ != readerSource) {
                readerSource = _input_;
                replies = new ReplyReader(_input_, limits); // after STARTTLS, plaintext read ahead is dropped (RFC 3207 §4.2)
            }
            last = readReply(replies, step);
            if (getCommandSupport().getListenerCount() > 0) fireReplyReceived(last.code(), getReplyString());
            return last.code();
        }

        @Override
        public int getReplyCode() {
            return last == null ? 0 : last.code();
        }

        @Override
        public String getReplyString() {
            StringBuilder out = new StringBuilder();
            if (last != null) for (String line : last.lines()) out.append(line).append("\r\n");
            return out.toString();
        }

        @Override
        public String[] getReplyStrings() {
            return last == null ? new String[0] : last.lines().toArray(String[]::new);
        }

        SmtpReply lastReply() {
            return last == null ? new SmtpReply(0, List.of()) : last;
        }

        /** One write of prepared octets; {@code commandLines} (without CRLF) go to the protocol listeners as sent. */
        void writeRaw(byte[] octets, List<String> commandLines) throws IOException {
            if (_output_ == null) throw new IOException("not connected");
            _output_.write(octets);
            _output_.flush();
            if (getCommandSupport().getListenerCount() > 0) {
                for (String line : commandLines) {
                    int space = line.indexOf(' ');
                    fireCommandSent(space < 0 ? line : line.substring(0, space), line + "\r\n");
                }
            }
        }

        Charset charset() {
            return Charset.forName(encoding);
        }
    }

    /**
     * A reply (RFC 5321 §4.2): lines {@code ddd-text} up to one {@code ddd text} or {@code ddd}, all with the same
     * code. Anything else is a malformed reply.
     */
    static SmtpReply readReply(ReplyReader reader, String step) throws IOException {
        reader.startReply(step);
        List<String> lines = new ArrayList<>(2);
        int code = -1;
        while (true) {
            byte[] octets = reader.replyLine();
            if (octets == null) {
                throw new EOFException(lines.isEmpty() ? "no reply" : "in the middle of a multi-line reply");
            }
            String line = new String(octets, StandardCharsets.ISO_8859_1);
            if (!isReplyLine(line)) {
                String shown = Transcript.visible(line); // masked whole, then cut
                throw new MailProtocolException(step, "malformed server reply: '" + (shown.length() > 80 ? shown.substring(0, 80) + "…" : shown) + "'", null);
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code < 0) code = lineCode;
            else if (lineCode != code) { // RFC 5321 §4.2.1: "250-queued" then "554 rejected" is no acceptance
                throw new MailProtocolException(step, "reply lines carry different codes: " + code + " then " + lineCode, null);
            }
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) == ' ') return new SmtpReply(code, lines);
        }
    }

    private static boolean isReplyLine(String line) {
        if (line.length() < 3) return false;
        for (int i = 0; i < 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') return false;
        }
        return line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-';
    }

    private SmtpSession(Client client, ClientSocket socket, StepDeadline deadline, SmtpReply greeting) {
        this.client = client;
        this.socket = socket;
        this.deadline = deadline;
        this.greeting = greeting;
    }

    /** Connects and reads the greeting (TLS first for implicit-TLS endpoints), with the default reply limits. */
    public static SmtpSession connect(SmtpSettings smtp, TlsSettings tls, Timeouts timeouts, Transcript transcript) throws MailProtocolException {
        return connect(smtp, tls, timeouts, ReplyLimits.defaults(), transcript, SocketTally.NONE);
    }

    /** Connects to the target's SMTP service and reads the greeting, within the target's timeouts and reply limits. */
    public static SmtpSession connect(TargetSettings target, Transcript transcript, SocketTally tally) throws MailProtocolException {
        return connect(target.requireSmtp(), target.tls(), target.timeouts(), target.limits(), transcript, tally);
    }

    /**
     * Connects and reads the greeting: the connection within the connect timeout, the greeting (and an
     * implicit-TLS handshake) within the read timeout after it.
     */
    public static SmtpSession connect(SmtpSettings smtp, TlsSettings tls, Timeouts timeouts, ReplyLimits limits, Transcript transcript,
                                      SocketTally tally) throws MailProtocolException {
        boolean implicitTls = smtp.security() == SmtpSecurity.TLS;
        Client client = new Client(implicitTls, TlsTrust.sslContext(tls), limits);
        ClientSocket socket = new ClientSocket(tally);
        StepDeadline deadline = new StepDeadline(socket, timeouts.read());
        client.setSocketFactory(socket.factory());
        client.setEndpointCheckingEnabled(tls.verify());
        client.setConnectTimeout(millis(timeouts.connect()));
        // a backstop only: the step deadline (read timeout, connect timeout on top for connecting) ends steps first
        client.setDefaultTimeout(millis(timeouts.connect().plus(timeouts.read())));
        if (transcript != null) client.addProtocolCommandListener(new TranscriptRecorder(transcript));
        String step = "connect to SMTP " + smtp.endpoint();
        long limit = timeouts.connect().toMillis() + timeouts.read().toMillis();
        deadline.start(limit);
        try {
            client.connect(smtp.endpoint().host(), smtp.endpoint().port());
            SmtpSession session = new SmtpSession(client, socket, deadline, client.lastReply());
            if (session.greeting.code() == 421) session.close(); // service not available, closing (RFC 5321 §3.8)
            return session;
        } catch (IOException e) {
            socket.closeQuietly();
            disconnectQuietly(client);
            throw deadline.failure(step, e, limit);
        } finally {
            deadline.stop();
        }
    }

    /**
     * Connects and completes the handshake the target's settings ask for: EHLO, STARTTLS and a second
     * EHLO when the security mode is starttls, AUTH when a mechanism is set. Any negative reply on the way
     * is a {@link MailProtocolException} naming the step.
     */
    public static SmtpSession open(TargetSettings target, Account account, String clientDomain, Transcript transcript) throws MailProtocolException {
        SmtpSettings smtp = target.requireSmtp();
        SmtpSession session = connect(target, transcript, SocketTally.NONE);
        try {
            session.expect("greeting", session.greeting(), 2);
            session.expect("EHLO", session.ehlo(clientDomain), 2);
            if (smtp.security() == SmtpSecurity.STARTTLS) {
                session.expect("STARTTLS", session.startTls(), 2);
                session.expect("EHLO after STARTTLS", session.ehlo(clientDomain), 2);
            }
            if (smtp.auth().isPresent()) session.expect("AUTH " + smtp.auth().get().wireName(), session.auth(smtp.auth().get(), account), 2);
            return session;
        } catch (MailProtocolException e) {
            session.close();
            throw e;
        }
    }

    private void expect(String step, SmtpReply reply, int replyClass) throws MailProtocolException {
        if (reply.replyClass() != replyClass) throw new MailProtocolException(step, "server replied " + Transcript.visible(reply.firstLine()), null);
    }

    public SmtpReply greeting() {
        return greeting;
    }

    public SmtpReply ehlo(String clientDomain) throws MailProtocolException {
        SmtpReply reply = step("EHLO", () -> client.ehlo(clientDomain));
        if (reply.isPositiveCompletion()) extensions = EhloKeywords.parse(reply.lines()).keywords();
        return reply;
    }

    public SmtpReply helo(String clientDomain) throws MailProtocolException {
        return step("HELO", () -> client.helo(clientDomain));
    }

    /** EHLO keywords of the last positive EHLO reply, upper case, e.g. {@code PIPELINING}, {@code SIZE}. */
    public Set<String> extensions() {
        return extensions;
    }

    public boolean supports(String keyword) {
        return extensions.contains(keyword.toUpperCase(Locale.ROOT));
    }

    /** STARTTLS (RFC 3207); on 220 the TLS handshake follows at once. What was learned from EHLO is forgotten. */
    public SmtpReply startTls() throws MailProtocolException {
        SmtpReply reply = step("STARTTLS", client::execTLS);
        if (reply.code() == 220) extensions = Set.of();
        return reply;
    }

    public SmtpReply auth(SmtpAuthMechanism mechanism, Account account) throws MailProtocolException {
        AuthenticatingSMTPClient.AUTH_METHOD method = switch (mechanism) {
            case PLAIN -> AuthenticatingSMTPClient.AUTH_METHOD.PLAIN;
            case LOGIN -> AuthenticatingSMTPClient.AUTH_METHOD.LOGIN;
            case CRAM_MD5 -> AuthenticatingSMTPClient.AUTH_METHOD.CRAM_MD5;
        };
        return step("AUTH " + mechanism.wireName(), () -> client.auth(method, account.user(), account.password()));
    }

    /** MAIL FROM:&lt;reverse-path&gt; with optional ESMTP parameters (e.g. {@code SIZE=1024 BODY=8BITMIME}). */
    public SmtpReply mail(String reversePath, String parameters) throws MailProtocolException {
        String args = "FROM:<" + reversePath + ">" + (parameters == null || parameters.isBlank() ? "" : " " + parameters);
        return step("MAIL", () -> client.sendCommand("MAIL", args));
    }

    public SmtpReply mail(String reversePath) throws MailProtocolException {
        return mail(reversePath, null);
    }

    /** RCPT TO:&lt;forward-path&gt;. */
    public SmtpReply rcpt(String forwardPath) throws MailProtocolException {
        return step("RCPT", () -> client.sendCommand("RCPT", "TO:<" + forwardPath + ">"));
    }

    /** DATA; on 354 the session waits for {@link #endOfData(byte[])}. */
    public SmtpReply data() throws MailProtocolException {
        SmtpReply reply = step("DATA", () -> client.sendCommand("DATA"));
        awaitingData = reply.code() == 354;
        return reply;
    }

    /**
     * Sends the message content after a 354, dot-stuffed, then the end-of-data line, in one write, and
     * returns the reply to end-of-data. The octets go as given, with the transparency Commons Net's message
     * writer applies (a leading "." doubled, a bare LF sent as CRLF, a final CRLF added if missing).
     */
    public SmtpReply endOfData(byte[] content) throws MailProtocolException {
        if (!awaitingData) throw new IllegalStateException("endOfData() without a 354 reply to DATA");
        awaitingData = false;
        return writeAndRead("end of data", DotStuffing.dataSectionWithCrlfLineEnds(content), List.of());
    }

    /**
     * After a 354 to a pipelined DATA whose recipients were all refused (RFC 2920 §3.1): ends the mail data
     * at once with the end-of-data line alone, and returns the server's reply to that.
     */
    public SmtpReply abandonData() throws MailProtocolException {
        if (!awaitingData) throw new IllegalStateException("abandonData() without a 354 reply to DATA");
        awaitingData = false;
        return writeAndRead("end of data", END_OF_DATA, List.of());
    }

    /**
     * Command pipelining (RFC 2920): writes MAIL FROM, one RCPT TO per forward-path and DATA in one write,
     * without waiting. The replies then come in order, one per {@link #nextReply(String)}: MAIL's, each
     * RCPT's, DATA's (a 354 lets {@link #endOfData(byte[])} or {@link #abandonData()} follow). Only for a
     * server whose EHLO reply lists PIPELINING (see {@link #supports(String)}); it does not check.
     */
    public void pipelineEnvelope(String reversePath, String mailParameters, List<String> forwardPaths) throws MailProtocolException {
        if (pendingReplies > 0 || awaitingData) throw new IllegalStateException("a pipelined group is still awaiting replies");
        List<String> lines = new java.util.ArrayList<>(forwardPaths.size() + 2);
        lines.add("MAIL FROM:<" + reversePath + ">" + (mailParameters == null || mailParameters.isBlank() ? "" : " " + mailParameters));
        for (String forwardPath : forwardPaths) lines.add("RCPT TO:<" + forwardPath + ">");
        lines.add("DATA");
        StringBuilder group = new StringBuilder(64 * lines.size());
        for (String line : lines) group.append(line).append("\r\n");
        byte[] octets = group.toString().getBytes(client.charset());
        client.step = "MAIL";
        deadline.start();
        try {
            client.writeRaw(octets, lines);
        } catch (IOException e) {
            close();
            throw deadline.failure("MAIL", e, deadline.limitMillis());
        } finally {
            deadline.stop();
        }
        pendingReplies = lines.size();
    }

    /**
     * The next reply to a pipelined group, in the order the commands were written; {@code step} names the
     * command it answers (for errors). The reply to DATA, the last, arms {@link #endOfData(byte[])} on 354.
     */
    public SmtpReply nextReply(String step) throws MailProtocolException {
        if (pendingReplies <= 0) throw new IllegalStateException("no pipelined reply is pending");
        SmtpReply reply = step(step, client::getReply);
        if (--pendingReplies == 0) awaitingData = reply.code() == 354;
        return reply;
    }

    /** Replies of the pipelined group not read yet. */
    public int pendingReplies() {
        return pendingReplies;
    }

    /** MAIL, every RCPT, DATA and the content; stops at the first negative reply and returns it. */
    public SmtpReply sendMessage(String reversePath, List<String> forwardPaths, byte[] content) throws MailProtocolException {
        SmtpReply reply = mail(reversePath);
        if (!reply.isPositiveCompletion()) return reply;
        for (String forwardPath : forwardPaths) {
            reply = rcpt(forwardPath);
            if (!reply.isPositiveCompletion()) return reply;
        }
        reply = data();
        if (reply.code() != 354) return reply;
        return endOfData(content);
    }

    public SmtpReply rset() throws MailProtocolException {
        return step("RSET", () -> client.sendCommand("RSET"));
    }

    public SmtpReply noop() throws MailProtocolException {
        return step("NOOP", () -> client.sendCommand("NOOP"));
    }

    public SmtpReply quit() throws MailProtocolException {
        return step("QUIT", () -> client.sendCommand("QUIT"));
    }

    /** Any command line, as written (without CRLF). */
    public SmtpReply command(String line) throws MailProtocolException {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String args = space < 0 ? null : line.substring(space + 1);
        return step(verb, () -> client.sendCommand(verb, args));
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Closes the socket without QUIT; safe to call more than once. */
    @Override
    public void close() {
        socket.closeQuietly(); // the plain socket first: a TLS close then never waits on a server that stopped reading
        disconnectQuietly(client);
    }

    private SmtpReply writeAndRead(String name, byte[] octets, List<String> commandLines) throws MailProtocolException {
        return step(name, () -> {
            client.writeRaw(octets, commandLines);
            client.getReply();
        });
    }

    private interface Step {
        void run() throws IOException, java.security.GeneralSecurityException;
    }

    /**
     * Runs one step — the command and its complete reply — within the step deadline. A step that cannot
     * complete closes the connection: what the server would say next is unknown. So does a 421: the server
     * is closing the transmission channel (RFC 5321 §3.8).
     */
    private SmtpReply step(String name, Step step) throws MailProtocolException {
        client.step = name;
        deadline.start();
        try {
            step.run();
        } catch (IOException e) {
            close();
            throw deadline.failure(name, e, deadline.limitMillis());
        } catch (java.security.GeneralSecurityException e) {
            close();
            throw new MailProtocolException(name, "cannot compute the response: " + e.getMessage(), e);
        } finally {
            deadline.stop();
        }
        SmtpReply reply = client.lastReply();
        if (reply.code() == 421) close();
        return reply;
    }

    static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static void disconnectQuietly(org.apache.commons.net.SocketClient client) {
        try {
            if (client.isConnected()) client.disconnect();
        } catch (IOException ignored) {
            // already gone: nothing left to release
        }
    }
}
