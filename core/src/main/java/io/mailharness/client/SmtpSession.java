package io.mailharness.client;

import io.mailharness.target.Account;
import io.mailharness.target.SmtpAuthMechanism;
import io.mailharness.target.SmtpSecurity;
import io.mailharness.target.SmtpSettings;
import io.mailharness.target.TargetSettings;
import io.mailharness.target.Timeouts;
import io.mailharness.target.TlsSettings;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One SMTP connection over Commons Net, one method per protocol step. Each step returns the raw reply;
 * only a step that cannot complete at all (timeout, dropped connection, garbage instead of a reply)
 * throws {@link MailProtocolException}. Every read is bounded by the target's read timeout.
 */
public final class SmtpSession implements AutoCloseable {
    private final AuthenticatingSMTPClient client;
    private final Timeouts timeouts;
    private final SmtpReply greeting;
    private Set<String> extensions = Set.of();
    private Writer pendingData;

    private SmtpSession(AuthenticatingSMTPClient client, Timeouts timeouts, SmtpReply greeting) {
        this.client = client;
        this.timeouts = timeouts;
        this.greeting = greeting;
    }

    /** Connects and reads the greeting (TLS first for implicit-TLS endpoints). */
    public static SmtpSession connect(SmtpSettings smtp, TlsSettings tls, Timeouts timeouts, Transcript transcript) throws MailProtocolException {
        boolean implicitTls = smtp.security() == SmtpSecurity.TLS;
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(implicitTls, TlsTrust.sslContext(tls));
        client.setEndpointCheckingEnabled(tls.verify());
        client.setConnectTimeout(millis(timeouts.connect()));
        client.setDefaultTimeout(millis(timeouts.read()));
        if (transcript != null) client.addProtocolCommandListener(new TranscriptRecorder(transcript));
        try {
            client.connect(smtp.endpoint().host(), smtp.endpoint().port());
            return new SmtpSession(client, timeouts, lastReply(client));
        } catch (IOException e) {
            disconnectQuietly(client);
            throw MailProtocolException.wrap("connect to SMTP " + smtp.endpoint(), e);
        }
    }

    /**
     * Connects and completes the handshake the target's settings ask for: EHLO, STARTTLS and a second
     * EHLO when the security mode is starttls, AUTH when a mechanism is set. Any negative reply on the way
     * is a {@link MailProtocolException} naming the step.
     */
    public static SmtpSession open(TargetSettings target, Account account, String clientDomain, Transcript transcript) throws MailProtocolException {
        SmtpSettings smtp = target.requireSmtp();
        SmtpSession session = connect(smtp, target.tls(), target.timeouts(), transcript);
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
        if (reply.replyClass() != replyClass) throw new MailProtocolException(step, "server replied " + reply.firstLine(), null);
    }

    public SmtpReply greeting() {
        return greeting;
    }

    public SmtpReply ehlo(String clientDomain) throws MailProtocolException {
        SmtpReply reply = step("EHLO", () -> client.ehlo(clientDomain));
        if (reply.isPositiveCompletion()) extensions = parseExtensions(reply);
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
        try {
            client.execTLS();
        } catch (IOException e) {
            throw MailProtocolException.wrap("STARTTLS", e);
        }
        SmtpReply reply = lastReply(client);
        if (reply.code() == 220) {
            extensions = Set.of();
            applyReadTimeout();
        }
        return reply;
    }

    public SmtpReply auth(SmtpAuthMechanism mechanism, Account account) throws MailProtocolException {
        AuthenticatingSMTPClient.AUTH_METHOD method = switch (mechanism) {
            case PLAIN -> AuthenticatingSMTPClient.AUTH_METHOD.PLAIN;
            case LOGIN -> AuthenticatingSMTPClient.AUTH_METHOD.LOGIN;
            case CRAM_MD5 -> AuthenticatingSMTPClient.AUTH_METHOD.CRAM_MD5;
        };
        try {
            client.auth(method, account.user(), account.password());
        } catch (IOException e) {
            throw MailProtocolException.wrap("AUTH " + mechanism.wireName(), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new MailProtocolException("AUTH " + mechanism.wireName(), "cannot compute the response: " + e.getMessage(), e);
        }
        return lastReply(client);
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
        try {
            pendingData = client.sendMessageData();
        } catch (IOException e) {
            throw MailProtocolException.wrap("DATA", e);
        }
        return lastReply(client);
    }

    /**
     * Sends the message content after a 354, dot-stuffed by Commons Net, then CRLF.CRLF, and returns the
     * reply to end-of-data. Content is taken as octets (ISO-8859-1 maps each octet to one char).
     */
    public SmtpReply endOfData(byte[] content) throws MailProtocolException {
        if (pendingData == null) throw new IllegalStateException("endOfData() without a 354 reply to DATA");
        Writer writer = pendingData;
        pendingData = null;
        try {
            writer.write(new String(content, StandardCharsets.ISO_8859_1));
            writer.close();
            client.completePendingCommand();
        } catch (IOException e) {
            throw MailProtocolException.wrap("end of data", e);
        }
        return lastReply(client);
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
        disconnectQuietly(client);
    }

    private interface Step {
        int run() throws IOException;
    }

    private SmtpReply step(String name, Step step) throws MailProtocolException {
        try {
            step.run();
        } catch (IOException e) {
            throw MailProtocolException.wrap(name, e);
        }
        return lastReply(client);
    }

    private void applyReadTimeout() throws MailProtocolException {
        try {
            client.setSoTimeout(millis(timeouts.read()));
        } catch (java.net.SocketException e) {
            throw MailProtocolException.wrap("STARTTLS", e);
        }
    }

    private static SmtpReply lastReply(AuthenticatingSMTPClient client) {
        String[] lines = client.getReplyStrings();
        return new SmtpReply(client.getReplyCode(), lines == null ? List.of() : Arrays.asList(lines));
    }

    private static Set<String> parseExtensions(SmtpReply reply) {
        Set<String> keywords = new LinkedHashSet<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() <= 4) continue;
            String keyword = line.substring(4).strip().split("[ =]", 2)[0];
            if (!keyword.isEmpty()) keywords.add(keyword.toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(keywords);
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
