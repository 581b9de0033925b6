package io.mailharness.gatling.netty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on 127.0.0.1 that does what its script says with each connection, well-formed or not: for behaviour the
 * fault server's catalogue cannot express (an endless reply, a slow drip, a reset). Scripts stop writing after
 * {@link #MAX_OCTETS} and end when the client goes away; {@link #close()} ends every connection.
 */
final class HostileServer implements AutoCloseable {
    /** No script writes more than this, whatever the client does. */
    static final long MAX_OCTETS = 64L * 1024 * 1024;

    /** What the server does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Connection c) throws IOException, InterruptedException;
    }

    /** One accepted connection and its lines in and octets out. */
    static final class Connection {
        final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;
        private final AtomicLong written;

        Connection(Socket socket, AtomicLong written) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
            this.written = written;
        }

        /** Writes as is (line ends included by the caller). */
        Connection send(String octets) throws IOException {
            byte[] b = octets.getBytes(StandardCharsets.ISO_8859_1);
            out.write(b);
            out.flush();
            written.addAndGet(b.length);
            return this;
        }

        /** The next command line, null at the end of input. */
        String read() throws IOException {
            return in.readLine();
        }

        /** Writes {@code unit} again and again until the client is gone or {@link #MAX_OCTETS} is reached. */
        void sendForever(String unit) {
            byte[] b = unit.repeat(Math.max(1, 8192 / unit.length())).getBytes(StandardCharsets.ISO_8859_1);
            try {
                while (written.get() < MAX_OCTETS) {
                    out.write(b);
                    written.addAndGet(b.length);
                }
            } catch (IOException gone) {
                // the client closed the connection: what the test waits for
            }
        }

        /**
         * Writes one octet every {@code millis} until the client is gone (at most 10 s), paced by a scheduled
         * executor: the slow drip is the hostile behaviour under test.
         */
        void drip(String text, long millis) throws InterruptedException {
            CountDownLatch gone = new CountDownLatch(1);
            AtomicInteger next = new AtomicInteger();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            try {
                pace.scheduleAtFixedRate(() -> {
                    try {
                        out.write(text.charAt(next.getAndIncrement() % text.length()));
                        out.flush();
                        written.incrementAndGet();
                    } catch (IOException closed) {
                        gone.countDown(); // the client closed the connection
                    }
                }, 0, millis, TimeUnit.MILLISECONDS);
                gone.await(10, TimeUnit.SECONDS);
            } finally {
                pace.shutdownNow();
            }
        }

        /** Closes with a TCP RST (SO_LINGER 0) instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicLong written = new AtomicLong();

    HostileServer(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    accepted.add(s);
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            script.run(new Connection(s, written));
                        } catch (IOException | InterruptedException e) {
                            // the client went away or the server is closing
                        }
                    });
                } catch (IOException closing) {
                    return;
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Octets the scripts have written so far. */
    long written() {
        return written.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : accepted) s.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
