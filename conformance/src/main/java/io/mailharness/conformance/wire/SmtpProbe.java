package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.protocol.DotStuffing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP side of the probe vocabulary, over a {@link RawConnection}: send a command line (or exact
 * octets), read one complete reply, assert silence or a close. Nothing is rewritten on the way: the
 * caller's octets go out as given, the server's lines come back as received.
 */
public final class SmtpProbe implements AutoCloseable {
    /** The EHLO/HELO domain the probes introduce themselves with. */
    public static final String CLIENT_DOMAIN = "client.example";
    private static final int MAX_REPLY_LINES = 1_000;
    /** Far above any real reply (1,000 lines of 512 octets), far below what would strain the heap. */
    private static final long MAX_REPLY_OCTETS = 1024 * 1024;

    private final RawConnection connection;
    /** Masks credentials in the step names that verdicts show, as the transcript's own mask does. */
    private final io.mailharness.client.CredentialMask stepMask = new io.mailharness.client.CredentialMask();
    private final Verdicts verdicts;
    private final SmtpWireReply greeting;

    private SmtpProbe(RawConnection connection, Verdicts verdicts, boolean readGreeting) {
        this.connection = connection;
        this.verdicts = verdicts;
        this.greeting = readGreeting ? readReply("greeting") : null;
    }

    /** Wraps a fresh connection and reads the greeting (judged by nobody until a check asks). */
    public static SmtpProbe afterGreeting(RawConnection connection, Verdicts verdicts) {
        return new SmtpProbe(connection, verdicts, true);
    }

    /** Wraps a fresh connection without reading anything (for probes that write before the greeting). */
    public static SmtpProbe beforeGreeting(RawConnection connection, Verdicts verdicts) {
        return new SmtpProbe(connection, verdicts, false);
    }

    public SmtpWireReply greeting() {
        if (greeting == null) throw new IllegalStateException("this probe did not read the greeting");
        return greeting;
    }

    /**
     * The greeting expected 220 on the way to another rule: a broken greeting is SMTP-GRT-220's rule, so the check
     * that needed it is {@linkplain Blocked blocked}, not failed.
     */
    public SmtpWireReply greeted() {
        try {
            return greeting().expectCode(220);
        } catch (CheckFailure e) {
            throw Blocked.by(e);
        }
    }

    /** Sends {@code line} followed by CRLF and reads the reply. */
    public SmtpWireReply send(String line) {
        write(line + "\r\n");
        SmtpWireReply reply = readReply(stepMask.clientLine(line));
        stepMask.serverLine(String.valueOf(reply.code()));
        return reply;
    }

    /** Sends exact octets (no CRLF added) and reads one reply. */
    public SmtpWireReply sendRaw(String octets) {
        write(octets);
        return readReply(octets);
    }

    /**
     * Sends exact octets and reads one reply, also when the server answered and closed before it had read them all
     * (a 421 to an over-long line): the write is then cut short by a reset, and the reply already received is read.
     */
    public SmtpWireReply sendRawAnsweredEarly(String octets) {
        try {
            connection.send(octets.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            connection.note("write cut short: " + e.getMessage() + "; reading what the server sent before");
            SmtpWireReply early = readReply(octets);
            if (early.isComplete()) return early;
            throw new CheckFailure("sending " + Transcript.visible(octets.substring(0, Math.min(octets.length(), 80))),
                    "the connection stays open, or a reply before it closes", "write failed: " + e.getMessage() + ", and no reply had arrived");
        }
        return readReply(octets);
    }

    /** Writes exact octets and reads nothing. */
    public void write(String octets) {
        write(octets.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] octets) {
        try {
            connection.send(octets);
        } catch (IOException e) {
            connection.note("write failed: " + e.getMessage());
            // masked whole, then cut: an AUTH line or SASL response that failed to go out shows no credential
            String sent = stepMask.clientLine(new String(octets, 0, Math.min(octets.length, 1024), StandardCharsets.ISO_8859_1));
            throw new CheckFailure("sending " + Transcript.visible(sent.substring(0, Math.min(sent.length(), 80))),
                    "the connection stays open", "write failed: " + e.getMessage());
        }
    }

    /**
     * Reads one complete reply: lines up to the first without a '-' after the code, within one deadline for the
     * whole reply, {@value #MAX_REPLY_LINES} lines and {@value #MAX_REPLY_OCTETS} octets. A reply cut by a bound ends
     * with a line that is not a line (so it is not complete), and the connection is closed.
     */
    public SmtpWireReply readReply(String step) {
        List<WireLine> lines = new ArrayList<>();
        RawConnection.ReplyBounds bounds = connection.replyBounds(MAX_REPLY_OCTETS);
        while (true) {
            if (lines.size() == MAX_REPLY_LINES) {
                lines.add(connection.abandon("reply longer than " + MAX_REPLY_LINES + " lines"));
                break;
            }
            WireLine line = connection.readLine(bounds);
            lines.add(line);
            if (line.ending() != WireLine.Ending.CRLF && line.ending() != WireLine.Ending.BARE_LF) break;
            String text = line.text();
            boolean continues = text.length() >= 4 && text.charAt(3) == '-' && isCode(text);
            if (!continues) break;
        }
        return new SmtpWireReply(step, lines, verdicts);
    }

    private static boolean isCode(String text) {
        for (int i = 0; i < 3; i++) if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
        return true;
    }

    /**
     * {@code EHLO client.example}. Octets already waiting after its complete reply would be misread as the reply to the
     * next command; one reply per command is SMTP-INV-ONE's rule (it sends EHLO itself), so the check is blocked.
     */
    public SmtpWireReply ehlo() {
        return ehlo(CLIENT_DOMAIN);
    }

    /** {@code EHLO domain}, blocked as {@link #ehlo()} when more lines wait after its reply. */
    public SmtpWireReply ehlo(String domain) {
        return oneReply(send("EHLO " + domain), "EHLO " + domain);
    }

    /**
     * {@link #send}, blocked as {@link #ehlo()} when more lines wait after the reply: for a check whose next command
     * would otherwise read them as its own reply.
     */
    public SmtpWireReply sendOneReply(String line) {
        SmtpWireReply reply = send(line);
        return oneReply(reply, reply.step());
    }

    /**
     * {@link #content}, blocked when more lines wait after the end-of-data reply: exactly one reply there is
     * SMTP-DATA-OK's rule, and the next command would read the rest as its own reply.
     */
    public SmtpWireReply contentOneReply(byte[] message) {
        return oneReply(content(message), "the end of data");
    }

    private SmtpWireReply oneReply(SmtpWireReply reply, String after) {
        if (reply.isComplete() && connection.hasUnreadOctets()) {
            throw Blocked.by(new CheckFailure("after the reply to " + after, "one reply, nothing more", "more lines"));
        }
        return reply;
    }

    /** {@code MAIL FROM:<reversePath>}. */
    public SmtpWireReply mail(String reversePath) {
        return send("MAIL FROM:<" + reversePath + ">");
    }

    /** {@code RCPT TO:<forwardPath>}. */
    public SmtpWireReply rcpt(String forwardPath) {
        return send("RCPT TO:<" + forwardPath + ">");
    }

    /** {@code MAIL FROM:<reversePath>} expected 250, then a RCPT for each forward-path expected 250 or 251. */
    public SmtpProbe openTransaction(String reversePath, String... forwardPaths) {
        mail(reversePath).expectCode(250);
        for (String forwardPath : forwardPaths) rcpt(forwardPath).expectCode(250, 251);
        return this;
    }

    /** {@code DATA} expected 354: the message data goes next. */
    public SmtpProbe data() {
        send("DATA").expectCode(354);
        return this;
    }

    /** {@link #openTransaction} and {@link #data}: the preamble up to the message data. */
    public SmtpProbe startData(String reversePath, String... forwardPaths) {
        return openTransaction(reversePath, forwardPaths).data();
    }

    /** After a 354: the content dot-stuffed, CRLF added if missing, then the end-of-data line; reads the reply. */
    public SmtpWireReply content(byte[] message) {
        write(DotStuffing.dataSection(message));
        return readReply("<message content> CRLF.CRLF");
    }

    /** EHLO, MAIL, RCPT, DATA and the content, each expected to succeed; returns the end-of-data reply. */
    public SmtpWireReply deliver(String reversePath, String forwardPath, byte[] message) {
        ehlo().expectCode(250);
        startData(reversePath, forwardPath);
        return content(message);
    }

    /**
     * The session goes on: a NOOP gets one complete reply and the connection stays open. Which code NOOP gets is
     * the NOOP row's business, so a check that only needs the session alive does not depend on it.
     */
    public SmtpProbe expectSessionGoesOn(String after) {
        SmtpWireReply noop = send("NOOP");
        if (!noop.isComplete() || noop.code() == 421 || connection.isClosedByPeer()) {
            throw new CheckFailure("NOOP " + after, "a reply, and the session goes on", noop.describe());
        }
        return this;
    }

    /**
     * Fails when octets are already waiting after a complete reply: more lines than one reply, which would be read
     * as the answer to the next command (a check without time to wait; SMTP-INV-ONE waits and judges).
     */
    public SmtpProbe expectInStep(String after) {
        if (connection.hasUnreadOctets()) {
            Optional<byte[]> extra = connection.awaitAnyOctets(java.time.Duration.ofMillis(1));
            throw new CheckFailure("after " + after, "one reply, nothing more",
                    extra.map(octets -> Transcript.visible(new String(octets, StandardCharsets.ISO_8859_1))).orElse("more octets"));
        }
        return this;
    }

    /** Fails unless no octet arrives within {@code limit} (a bounded read, not a sleep). */
    public void expectSilence(String step, Duration limit) {
        Optional<byte[]> got = connection.awaitAnyOctets(limit);
        if (got.isPresent()) {
            throw new CheckFailure(step, "no reply yet (nothing within " + limit.toMillis() + " ms)",
                    Transcript.visible(new String(got.get(), StandardCharsets.ISO_8859_1)));
        }
    }

    /** Fails unless the server closes the connection within {@code limit}. */
    public void expectClosed(String step, Duration limit) {
        connection.expectClosed(step, limit);
    }

    /** Waits at most {@code limit} for a close; true when the server closed. */
    public boolean awaitClose(Duration limit) {
        return connection.awaitClose(limit);
    }

    public boolean isClosedByPeer() {
        return connection.isClosedByPeer();
    }

    public RawConnection connection() {
        return connection;
    }

    /** Sends QUIT if the connection is still open (ignoring the answer) and closes the socket. */
    public void quitQuietly() {
        connection.quitQuietly();
    }

    @Override
    public void close() {
        connection.close();
    }
}
