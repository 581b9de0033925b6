package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.RelayRoute;
import io.mailharness.protocol.DotStuffing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The outbound side of the relay domain: after the end of data was answered, a message for the relay domain is
 * forwarded to the next hop over SMTP on its own thread, as an MTA's queue would. There is no queue: a next hop
 * that cannot be reached loses the message (one line on standard error).
 */
final class Relay {
    private Relay() {}

    /** Forwards the message to the transaction's relay-domain recipients, if it has any. */
    static void forward(SmtpSession session, MailTransaction transaction, byte[] content) {
        RelayRoute route = session.config().relay().orElse(null);
        if (route == null) return;
        List<String> recipients = transaction.recipients().stream().map(MailTransaction.Recipient::forwardPath)
                .filter(p -> route.routes(p.domain())).map(MailPath::toString).toList();
        if (recipients.isEmpty()) return;
        List<RelayFault> faults = session.faults().all(RelayFault.class);
        byte[] section = faults.isEmpty() ? dataSection(content) : faults.get(0).dataSection(content);
        String reversePath = transaction.reversePath().toString();
        String hostName = session.config().hostName();
        int timeout = (int) session.config().readTimeout().toMillis();
        Thread.ofVirtual().name("relay to " + route.host() + ":" + route.port()).start(() -> {
            try {
                send(route, hostName, timeout, reversePath, recipients, section);
            } catch (IOException e) {
                System.err.println("fault server: relay to " + route.host() + ":" + route.port() + " failed: " + e.getMessage());
            }
        });
    }

    /** All a transaction routes to the relay domain: such a message may be read leniently by relay faults. */
    static boolean onlyRelayed(SmtpSession session, MailTransaction transaction) {
        RelayRoute route = session.config().relay().orElse(null);
        return route != null && !transaction.recipients().isEmpty()
                && transaction.recipients().stream().allMatch(r -> r.maildrop() == null && route.routes(r.forwardPath().domain()));
    }

    /**
     * The conforming way (RFC 5321 §2.3.8, §4.5.2): every bare CR or LF goes out as CRLF, every line starting
     * with "." is stuffed, and CRLF "." CRLF ends the data.
     */
    static byte[] dataSection(byte[] content) {
        return DotStuffing.dataSection(crlfLineEnds(content));
    }

    /** Every bare CR and bare LF made CRLF. */
    static byte[] crlfLineEnds(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 16);
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < content.length && content[i + 1] == '\n') i++;
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static void send(RelayRoute route, String hostName, int timeout, String reversePath, List<String> recipients,
                             byte[] section) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(route.host(), route.port()), timeout);
            socket.setSoTimeout(timeout);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "greeting");
            command(in, out, "EHLO " + hostName, 250);
            command(in, out, "MAIL FROM:" + reversePath, 250);
            for (String recipient : recipients) command(in, out, "RCPT TO:" + recipient, 250);
            command(in, out, "DATA", 354);
            out.write(section);
            out.flush();
            expect(in, 250, "end of data");
            command(in, out, "QUIT", 221);
        }
    }

    private static void command(InputStream in, OutputStream out, String line, int code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code, line);
    }

    /** Reads one reply (all its lines) and requires its code. */
    private static void expect(InputStream in, int code, String after) throws IOException {
        while (true) {
            String line = line(in);
            if (line == null) throw new IOException("connection closed after " + after);
            if (line.length() < 3 || !line.startsWith(Integer.toString(code))) throw new IOException(after + ": " + line);
            if (line.length() == 3 || line.charAt(3) != '-') return;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            if (line.size() < 4096) line.write(b);
        }
        return null;
    }
}
