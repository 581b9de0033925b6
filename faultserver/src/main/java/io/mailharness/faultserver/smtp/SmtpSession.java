package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.ServerConfig;
import io.mailharness.faultserver.ServerContext;
import io.mailharness.faultserver.Tls;
import io.mailharness.faultserver.net.ConnectionHandler;
import io.mailharness.faultserver.net.Line;
import io.mailharness.faultserver.net.LineReader;
import io.mailharness.faultserver.store.MailStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One SMTP connection: greeting, then one command line at a time to its command. Every reply
 * goes through {@link #reply}, where the reply faults may change it.
 */
public final class SmtpSession implements ConnectionHandler {

    /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF. */
    static final int COMMAND_LINE_LIMIT = 512;
    /** MAIL and RCPT may grow by the extensions' increments (SIZE, AUTH=, DSN parameters). */
    static final int PATH_COMMAND_LINE_LIMIT = 2048;
    /** Longest command line kept in memory; the rest of a longer line is read and dropped. */
    private static final int READ_LIMIT = 4096;

    private final ServerContext context;
    private final SmtpCommandRegistry commands;
    private final List<SmtpReplyFault> replyFaults;
    private final List<SmtpBodyFault> bodyFaults;
    private final Object writeLock = new Object();
    private SmtpState state;
    private Socket socket;
    private LineReader reader;
    private OutputStream out;
    private volatile boolean open = true;
    private volatile boolean stalled;

    public SmtpSession(ServerContext context, SmtpCommandRegistry commands) {
        this.context = context;
        this.commands = commands;
        this.replyFaults = context.faults().all(SmtpReplyFault.class);
        this.bodyFaults = context.faults().all(SmtpBodyFault.class);
    }

    @Override
    public void serve(Socket accepted) throws IOException {
        socket = accepted;
        reader = new LineReader(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        state = new SmtpState(context.config(), socket.getInetAddress().getHostAddress());
        if (!reply(SmtpStage.GREETING, SmtpReply.of(220, config().hostName() + " ESMTP Mailharness fault server ready"))) {
            return;
        }
        while (open) {
            Line line;
            try {
                line = reader.readLine(READ_LIMIT);
            } catch (SocketTimeoutException e) {
                write(SmtpReply.of(421, "4.4.2 " + config().hostName() + " idle too long, closing"));
                return;
            }
            if (line == null || !line.terminated()) {
                return; // peer closed: an open transaction is abandoned, nothing is delivered
            }
            dispatch(line);
        }
    }

    private void dispatch(Line line) throws IOException {
        if (line.overflow()) {
            reply(SmtpStage.SYNTAX, SmtpReply.of(500, "5.5.2 Line too long"));
            return;
        }
        if (line.hasBareLineEnd()) {
            // RFC 5321 §2.3.8: only CRLF ends a line, so this is one malformed line, not two commands.
            reply(SmtpStage.SYNTAX, SmtpReply.of(500, "5.5.2 Bare CR or LF in command line"));
            return;
        }
        if (line.hasControlCharacter()) {
            reply(SmtpStage.SYNTAX, SmtpReply.of(501, "5.5.2 Control characters are not allowed"));
            return;
        }
        String text = stripTrailingWhiteSpace(line.text());
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        int limit = verb.equals("MAIL") || verb.equals("RCPT") ? PATH_COMMAND_LINE_LIMIT : COMMAND_LINE_LIMIT;
        if (line.wireLength() > limit) {
            reply(SmtpStage.SYNTAX, SmtpReply.of(500, "5.5.2 Line too long"));
            return;
        }
        SmtpCommand command = verb.isEmpty() ? null : commands.get(verb);
        if (command == null) {
            reply(SmtpStage.UNKNOWN, SmtpReply.of(500, "5.5.1 Command unrecognized"));
            return;
        }
        command.execute(this, argument);
    }

    /** RFC 5321 §4.1.1: servers SHOULD tolerate trailing white space. */
    private static String stripTrailingWhiteSpace(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Sends a reply after the reply faults have seen it, then continues, closes or stalls.
     *
     * @return true while the session goes on; false when it has ended (the caller stops)
     */
    public boolean reply(SmtpStage stage, SmtpReply proposed) throws IOException {
        SmtpReply reply = proposed;
        for (SmtpReplyFault fault : replyFaults) {
            reply = fault.rewrite(stage, reply, state);
        }
        write(reply);
        return switch (reply.after()) {
            case CONTINUE -> true;
            case CLOSE -> {
                open = false;
                yield false;
            }
            case STALL -> {
                stall();
                yield false;
            }
        };
    }

    private void write(SmtpReply reply) throws IOException {
        synchronized (writeLock) {
            for (String line : reply.lines()) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    /** Reads a line the current command waits for (AUTH continuation); null when the peer closed. */
    public Line readLine(int maxContent) throws IOException {
        Line line = reader.readLine(maxContent);
        return line == null || !line.terminated() ? null : line;
    }

    public LineReader reader() {
        return reader;
    }

    /** Asks the body faults what to do now that {@code received} octets of message data arrived. */
    public BodyAction bodyReceived(long received) {
        for (SmtpBodyFault fault : bodyFaults) {
            BodyAction action = fault.onBodyOctets(received);
            if (action != BodyAction.CONTINUE) {
                return action;
            }
        }
        return BodyAction.CONTINUE;
    }

    /** Ends the session without a word; the listener closes the socket. */
    public void drop() {
        open = false;
    }

    /** Stops answering: holds the connection open, unread, until the server closes. */
    public void stall() {
        stalled = true;
        open = false;
        context.awaitClose();
    }

    /** Replaces the streams by TLS ones; read-ahead plaintext is discarded (RFC 3207 §4.2, CVE-2011-0411). */
    void startTls() throws IOException {
        reader.discardBuffered();
        Socket tls = Tls.upgrade(socket);
        socket = tls;
        reader = new LineReader(tls.getInputStream());
        synchronized (writeLock) {
            out = new BufferedOutputStream(tls.getOutputStream());
        }
        state.tlsStarted();
    }

    @Override
    public void serverClosing(Socket ignored) {
        if (stalled || !open) {
            return; // a stalled session says nothing, not even 421
        }
        try {
            write(SmtpReply.of(421, "4.3.2 " + config().hostName() + " shutting down"));
        } catch (IOException | RuntimeException e) {
            // the client may be gone already
        }
    }

    public SmtpState state() {
        return state;
    }

    public ServerConfig config() {
        return context.config();
    }

    public MailStore store() {
        return context.store();
    }

    public io.mailharness.faultserver.Faults faults() {
        return context.faults();
    }
}
