package io.mailharness.client;

import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;
import org.apache.commons.net.pop3.POP3;
import org.apache.commons.net.pop3.POP3Command;
import org.apache.commons.net.pop3.POP3SClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One POP3 connection over Commons Net, one method per command (RFC 1939). Each returns the raw
 * response; only a step that cannot complete (timeout, dropped connection, garbage) throws
 * {@link MailProtocolException}.
 */
public final class Pop3Session implements AutoCloseable {
    private final POP3SClient client;
    private final Timeouts timeouts;
    private final Pop3Reply greeting;

    private Pop3Session(POP3SClient client, Timeouts timeouts, Pop3Reply greeting) {
        this.client = client;
        this.timeouts = timeouts;
        this.greeting = greeting;
    }

    public static Pop3Session connect(Pop3Settings pop3, TlsSettings tls, Timeouts timeouts, Transcript transcript) throws MailProtocolException {
        POP3SClient client = new POP3SClient(pop3.security() == Pop3Security.TLS, TlsTrust.sslContext(tls));
        client.setEndpointCheckingEnabled(tls.verify());
        client.setConnectTimeout(SmtpSession.millis(timeouts.connect()));
        client.setDefaultTimeout(SmtpSession.millis(timeouts.read()));
        if (transcript != null) client.addProtocolCommandListener(new TranscriptRecorder(transcript));
        try {
            client.connect(pop3.endpoint().host(), pop3.endpoint().port());
            return new Pop3Session(client, timeouts, statusOnly(client));
        } catch (IOException e) {
            disconnectQuietly(client);
            throw MailProtocolException.wrap("connect to POP3 " + pop3.endpoint(), e);
        }
    }

    /** Connects, upgrades with STLS when the settings ask for it, and logs in with USER/PASS. */
    public static Pop3Session open(TargetSettings target, Account account, Transcript transcript) throws MailProtocolException {
        Pop3Settings pop3 = target.requirePop3();
        Pop3Session session = connect(pop3, target.tls(), target.timeouts(), transcript);
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
        if (!reply.isOk()) throw new MailProtocolException(step, "server replied " + reply.statusLine(), null);
    }

    public Pop3Reply greeting() {
        return greeting;
    }

    public Pop3Reply stls() throws MailProtocolException {
        try {
            client.execTLS();
            client.setSoTimeout(SmtpSession.millis(timeouts.read()));
        } catch (IOException e) {
            throw MailProtocolException.wrap("STLS", e);
        }
        return statusOnly(client);
    }

    public Pop3Reply user(String user) throws MailProtocolException {
        return single("USER", POP3Command.USER, user);
    }

    public Pop3Reply pass(String password) throws MailProtocolException {
        Pop3Reply reply = single("PASS", POP3Command.PASS, password);
        if (reply.isOk()) client.setState(POP3.TRANSACTION_STATE);
        return reply;
    }

    /**
     * APOP name digest (RFC 1939 §7): the MD5 of the greeting's timestamp followed by the shared secret.
     * Without a timestamp in the greeting the server does not offer APOP, which is a negative reply here.
     */
    public Pop3Reply apop(Account account) throws MailProtocolException {
        java.util.Optional<String> timestamp = apopTimestamp();
        if (timestamp.isEmpty()) return new Pop3Reply("-ERR (no APOP timestamp in the greeting: the server does not offer APOP)", List.of());
        try {
            client.login(account.user(), timestamp.get(), account.password());
        } catch (IOException e) {
            throw MailProtocolException.wrap("APOP", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new MailProtocolException("APOP", "MD5 unavailable", e);
        }
        return statusOnly(client);
    }

    /** The msg-id-shaped timestamp of the greeting, e.g. {@code <1896.697170952@dbc.mtview.ca.us>}. */
    public java.util.Optional<String> apopTimestamp() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(greeting.statusLine());
        return m.find() ? java.util.Optional.of(m.group()) : java.util.Optional.empty();
    }

    public Pop3Reply stat() throws MailProtocolException {
        return single("STAT", POP3Command.STAT, null);
    }

    /** STAT parsed: message count and maildrop size in octets. */
    public MaildropStat maildropStat() throws MailProtocolException {
        Pop3Reply reply = stat();
        return MaildropStat.parse(reply);
    }

    public Pop3Reply list() throws MailProtocolException {
        return multi("LIST", POP3Command.LIST, null);
    }

    public Pop3Reply list(int message) throws MailProtocolException {
        return single("LIST", POP3Command.LIST, Integer.toString(message));
    }

    public Pop3Reply uidl() throws MailProtocolException {
        return multi("UIDL", POP3Command.UIDL, null);
    }

    public Pop3Reply uidl(int message) throws MailProtocolException {
        return single("UIDL", POP3Command.UIDL, Integer.toString(message));
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
        return readMessage("RETR", () -> client.retrieveMessage(message));
    }

    /** TOP n lines: headers, blank line and the first lines of the body, or null on -ERR. */
    public byte[] top(int message, int lines) throws MailProtocolException {
        return readMessage("TOP", () -> client.retrieveMessageTop(message, lines));
    }

    public Pop3Reply dele(int message) throws MailProtocolException {
        return single("DELE", POP3Command.DELE, Integer.toString(message));
    }

    public Pop3Reply rset() throws MailProtocolException {
        return single("RSET", POP3Command.RSET, null);
    }

    public Pop3Reply noop() throws MailProtocolException {
        return single("NOOP", POP3Command.NOOP, null);
    }

    /** QUIT: in TRANSACTION state this enters the UPDATE state, where marked messages are removed. */
    public Pop3Reply quit() throws MailProtocolException {
        return single("QUIT", POP3Command.QUIT, null);
    }

    /** The response to the last command, as a status line (for methods that return content). */
    public Pop3Reply lastReply() {
        return statusOnly(client);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        disconnectQuietly(client);
    }

    private interface MessageOpener {
        Reader open() throws IOException;
    }

    private byte[] readMessage(String step, MessageOpener opener) throws MailProtocolException {
        try (Reader reader = opener.open()) {
            if (reader == null) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) out.write(buffer[i]);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw MailProtocolException.wrap(step, e);
        }
    }

    private Pop3Reply single(String step, int command, String args) throws MailProtocolException {
        try {
            client.sendCommand(command, args);
        } catch (IOException e) {
            throw MailProtocolException.wrap(step, e);
        }
        return statusOnly(client);
    }

    private Pop3Reply multi(String step, int command, String args) throws MailProtocolException {
        try {
            if (client.sendCommand(command, args) != org.apache.commons.net.pop3.POP3Reply.OK) return statusOnly(client);
            client.getAdditionalReply();
        } catch (IOException e) {
            throw MailProtocolException.wrap(step, e);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(client.getReplyStrings()));
        String status = lines.remove(0);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).equals(".")) lines.remove(lines.size() - 1);
        return new Pop3Reply(status, lines);
    }

    private static Pop3Reply statusOnly(POP3SClient client) {
        String[] lines = client.getReplyStrings();
        String status = lines == null || lines.length == 0 ? "" : lines[0];
        return new Pop3Reply(status, List.of());
    }

    private static void disconnectQuietly(POP3SClient client) {
        try {
            if (client.isConnected()) client.disconnect();
        } catch (IOException ignored) {
            // already gone: nothing left to release
        }
    }
}
