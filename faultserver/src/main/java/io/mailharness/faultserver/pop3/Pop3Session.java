package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.ServerConfig;
import io.mailharness.faultserver.ServerContext;
import io.mailharness.faultserver.Tls;
import io.mailharness.faultserver.net.ConnectionHandler;
import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.net.LineReader;
import io.mailharness.faultserver.store.MailStore;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One POP3 connection: greeting with an APOP timestamp, then one command line at a time.
 * Every response goes through {@link #reply}, where the reply faults may change it. However the
 * session ends, the maildrop lock is released; only QUIT enters the UPDATE state.
 */
public final class Pop3Session implements ConnectionHandler {

    /** RFC 2449 §4 requires 255 octets; RFC 1939 responses are limited to 512, so is our input. */
    static final int COMMAND_LINE_LIMIT = 512;
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private final ServerContext context;
    private final Pop3CommandRegistry commands;
    private final List<Pop3ReplyFault> replyFaults;
    private Pop3State state;
    private Socket socket;
    private LineReader reader;
    private OutputStream out;
    private boolean open = true;

    public Pop3Session(ServerContext context, Pop3CommandRegistry commands) {
        this.context = context;
        this.commands = commands;
        this.replyFaults = context.faults().all(Pop3ReplyFault.class);
    }

    @Override
    public void serve(Socket accepted) throws IOException {
        socket = accepted;
        reader = new LineReader(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        // RFC 1939 §7: the APOP timestamp MUST be different each time the server greets.
        String timestamp = "<" + ProcessHandle.current().pid() + "." + CONNECTIONS.incrementAndGet() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + config().hostName() + ">";
        state = new Pop3State(config(), store(), timestamp);
        try {
            if (!reply(Pop3Stage.GREETING, Pop3Reply.ok("Mailharness POP3 fault server ready " + timestamp))) {
                return;
            }
            while (open) {
                Line line;
                try {
                    line = reader.readLine(COMMAND_LINE_LIMIT);
                } catch (SocketTimeoutException e) {
                    return; // RFC 1939 §3 autologout: close without response and without UPDATE
                }
                if (line == null || !line.terminated()) {
                    return;
                }
                dispatch(line);
            }
        } finally {
            state.release();
        }
    }

    private void dispatch(Line line) throws IOException {
        if (line.overflow() || line.wireLength() > COMMAND_LINE_LIMIT) {
            reply(Pop3Stage.UNKNOWN, Pop3Reply.err("Command line too long"));
            return;
        }
        if (line.hasBareLineEnd()) {
            reply(Pop3Stage.UNKNOWN, Pop3Reply.err("Bare CR or LF in command line"));
            return;
        }
        String text = line.text();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        Pop3CommandRegistry.Registration registration = verb.isEmpty() ? null : commands.get(verb);
        if (registration == null) {
            reply(Pop3Stage.UNKNOWN, Pop3Reply.err("Unknown command"));
            return;
        }
        if (!registration.phases().contains(state.phase())) {
            reply(stageOf(verb), Pop3Reply.err("Command not valid in this state"));
            return;
        }
        registration.command().execute(this, argument);
    }

    private static Pop3Stage stageOf(String verb) {
        try {
            return Pop3Stage.valueOf(verb);
        } catch (IllegalArgumentException e) {
            return Pop3Stage.UNKNOWN;
        }
    }

    /**
     * Sends a response after the reply faults have seen it, then continues, closes or stalls.
     *
     * @return true while the session goes on
     */
    public boolean reply(Pop3Stage stage, Pop3Reply proposed) throws IOException {
        Pop3Reply reply = proposed;
        for (Pop3ReplyFault fault : replyFaults) {
            reply = fault.rewrite(stage, reply, state);
        }
        if (reply.status() != null) {
            out.write((reply.status() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (reply.body() != null) {
            out.write(reply.body());
        }
        out.flush();
        return switch (reply.after()) {
            case CONTINUE -> true;
            case CLOSE -> {
                open = false;
                yield false;
            }
            case STALL -> {
                open = false;
                context.awaitClose();
                yield false;
            }
        };
    }

    /** Reads a SASL continuation line; null when the peer closed. */
    Line readLine() throws IOException {
        Line line = reader.readLine(COMMAND_LINE_LIMIT * 8);
        return line == null || !line.terminated() ? null : line;
    }

    /** Ends the session; the listener closes the socket. */
    void close() {
        open = false;
    }

    /**
     * RFC 2595 §4: read-ahead plaintext is discarded before the handshake (CVE-2021-38084). With
     * {@code discardPlaintext} false (a fault) it is kept and read as if it had come through TLS.
     */
    void startTls(boolean discardPlaintext) throws IOException {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        if (discardPlaintext) {
            reader.discardBuffered();
        } else {
            reader.readExactly(reader.buffered(), pending);
        }
        Socket tls = Tls.upgrade(socket);
        socket = tls;
        reader = new LineReader(pending.size() == 0 ? tls.getInputStream()
                : new SequenceInputStream(new ByteArrayInputStream(pending.toByteArray()), tls.getInputStream()));
        out = new BufferedOutputStream(tls.getOutputStream());
        state.tlsStarted();
    }

    /** True when the client has sent octets beyond the command being executed (pipelined input). */
    public boolean inputPending() {
        return reader.buffered() > 0;
    }

    public Pop3State state() {
        return state;
    }

    public ServerConfig config() {
        return context.config();
    }

    public MailStore store() {
        return context.store();
    }
}
