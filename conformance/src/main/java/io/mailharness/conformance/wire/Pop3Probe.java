package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.settings.Account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The POP3 side of the probe vocabulary, over a {@link RawConnection}: send a command, read a status line
 * or a multi-line response (up to the "." line, bounded), assert a close.
 */
public final class Pop3Probe implements AutoCloseable {
    private static final int MAX_BODY_LINES = 200_000;
    /** Far above the suite's own messages and a large maildrop's listing, far below what would strain the heap. */
    private static final long MAX_BODY_OCTETS = 16L * 1024 * 1024;

    private final RawConnection connection;
    /** Masks credentials in the step names that verdicts show, as the transcript's own mask does. */
    private final io.mailharness.client.CredentialMask stepMask = new io.mailharness.client.CredentialMask();
    private final Pop3Response greeting;

    private Pop3Probe(RawConnection connection) {
        this.connection = connection;
        this.greeting = readStatus("greeting");
    }

    /** Wraps a fresh connection and reads the greeting. */
    public static Pop3Probe afterGreeting(RawConnection connection) {
        return new Pop3Probe(connection);
    }

    public Pop3Response greeting() {
        return greeting;
    }

    /**
     * The greeting expected +OK on the way to another rule: a broken greeting is POP-GRT's rule, so the check that
     * needed it is {@linkplain Blocked blocked}, not failed.
     */
    public Pop3Response greeted() {
        if (!greeting.isOk()) throw Blocked.by(new CheckFailure(greeting.step(), "+OK", greeting.describe()));
        return greeting;
    }

    /** Sends {@code line} + CRLF and reads a single-line response. */
    public Pop3Response send(String line) {
        write(line + "\r\n");
        return seen(readStatus(stepMask.clientLine(line)));
    }

    /** Sends {@code line} + CRLF and reads a multi-line response (only the status line when it is -ERR). */
    public Pop3Response sendMulti(String line) {
        write(line + "\r\n");
        return seen(readMulti(stepMask.clientLine(line)));
    }

    /** A continuation ("+ ") keeps a SASL exchange going; any status ends it. */
    private Pop3Response seen(Pop3Response response) {
        stepMask.serverLine(response.isOk() ? "+OK" : response.isErr() ? "-ERR" : "+ ");
        return response;
    }

    /**
     * USER on the way to another rule, expected +OK: a maildrop the server refuses to name is POP-USERPASS's rule,
     * so the check that needed it is {@linkplain Blocked blocked}, not failed.
     */
    public Pop3Response user(Account account) {
        Pop3Response user = send("USER " + account.user());
        if (!user.isOk()) throw Blocked.by(new CheckFailure(user.step(), "+OK", user.describe()));
        return user;
    }

    /** USER and PASS, each expected +OK (the password is masked in the transcript). */
    public Pop3Probe login(Account account) {
        send("USER " + account.user()).expectOk();
        send("PASS " + account.password()).expectOk();
        return this;
    }

    public void write(String octets) {
        try {
            connection.send(octets.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            connection.note("write failed: " + e.getMessage());
            throw new CheckFailure("sending " + Transcript.visible(stepMask.clientLine(octets)), // PASS, APOP, AUTH and SASL responses masked
                    "the connection stays open", "write failed: " + e.getMessage());
        }
    }

    public Pop3Response readStatus(String step) {
        return new Pop3Response(step, connection.readLine(), List.of(), false);
    }

    /**
     * A status line and, after +OK, the body up to its "." line: one deadline for the whole response,
     * {@value #MAX_BODY_LINES} lines and {@value #MAX_BODY_OCTETS} octets; a response cut by a bound is not
     * terminated, and the connection is closed.
     */
    public Pop3Response readMulti(String step) {
        RawConnection.ReplyBounds bounds = connection.replyBounds(MAX_BODY_OCTETS);
        WireLine status = connection.readLine(bounds);
        Pop3Response head = new Pop3Response(step, status, List.of(), false);
        if (!head.isOk()) return head;
        List<WireLine> body = new ArrayList<>();
        for (int i = 0; i < MAX_BODY_LINES; i++) {
            WireLine line = connection.readLine(bounds);
            if (line.ending() != WireLine.Ending.CRLF && line.ending() != WireLine.Ending.BARE_LF) {
                return new Pop3Response(step, status, body, false);
            }
            if (line.ending() == WireLine.Ending.CRLF && line.content().length == 1 && line.content()[0] == '.') {
                return new Pop3Response(step, status, body, true);
            }
            body.add(line);
        }
        connection.abandon("response longer than " + MAX_BODY_LINES + " lines");
        return new Pop3Response(step, status, body, false);
    }

    /** Fails unless no octet arrives within {@code limit} (a bounded read, not a sleep): one response per command. */
    public void expectSilence(String step, Duration limit) {
        connection.awaitAnyOctets(limit).ifPresent(octets -> {
            throw new CheckFailure(step, "nothing until the next command (nothing within " + limit.toMillis() + " ms)",
                    Transcript.visible(new String(octets, StandardCharsets.ISO_8859_1)));
        });
    }

    /** Fails unless the server closes the connection within {@code limit}. */
    public void expectClosed(String step, Duration limit) {
        connection.expectClosed(step, limit);
    }

    public RawConnection connection() {
        return connection;
    }

    /** Sends QUIT if still open (ignoring the answer) and closes the socket. */
    public void quitQuietly() {
        connection.quitQuietly();
    }

    @Override
    public void close() {
        connection.close();
    }
}
