package io.mailharness.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 that advertises PIPELINING, accepts every transaction except the MAIL FROM it is told
 * to refuse (451, the RCPTs and DATA after it then 503), and notes for each end-of-data what came with it in the same
 * read: the command line that followed it, or nothing. Messages are discarded.
 */
final class GroupingSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final int refusedMail;
    private final AtomicInteger mails = new AtomicInteger();
    /** Per end-of-data, in order: the command that arrived in the same read after it, or "" when none did. */
    final List<String> afterEndOfData = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** {@code refusedMail}: which MAIL FROM of the server's life (1 = the first) gets a 451. */
    GroupingSmtpServer(int refusedMail) throws IOException {
        this.refusedMail = refusedMail;
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("grouping-smtp").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                Thread.ofPlatform().daemon().name("grouping-smtp-session").start(() -> session(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write("220 grouping.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[256 * 1024];
            StringBuilder pending = new StringBuilder();
            boolean inData = false;
            boolean sender = false;
            for (int n; (n = in.read(buffer)) > 0; ) {
                pending.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                StringBuilder replies = new StringBuilder();
                for (int eol; (eol = pending.indexOf("\r\n")) >= 0; ) {
                    String line = pending.substring(0, eol);
                    pending.delete(0, eol + 2);
                    if (inData) {
                        if (!line.equals(".")) continue;
                        inData = false;
                        sender = false;
                        int next = pending.indexOf("\r\n");
                        afterEndOfData.add(next < 0 ? "" : pending.substring(0, next));
                        replies.append("250 2.0.0 queued\r\n");
                        continue;
                    }
                    String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                    switch (verb) {
                        case "EHLO" -> replies.append("250-grouping.test\r\n250 PIPELINING\r\n");
                        case "MAIL" -> {
                            sender = mails.incrementAndGet() != refusedMail;
                            replies.append(sender ? "250 2.1.0 ok\r\n" : "451 4.3.0 try again later\r\n");
                        }
                        case "RCPT" -> replies.append(sender ? "250 2.1.5 ok\r\n" : "503 5.5.1 MAIL first\r\n");
                        case "DATA" -> {
                            inData = sender;
                            replies.append(sender ? "354 go ahead\r\n" : "503 5.5.1 no valid recipients\r\n");
                        }
                        case "RSET" -> {
                            sender = false;
                            replies.append("250 2.0.0 ok\r\n");
                        }
                        case "QUIT" -> {
                            out.write((replies + "221 2.0.0 bye\r\n").getBytes(StandardCharsets.US_ASCII));
                            return;
                        }
                        default -> replies.append("250 2.0.0 ok\r\n");
                    }
                }
                if (!replies.isEmpty()) out.write(replies.toString().getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : new ArrayList<>(sockets)) s.close();
    }
}
