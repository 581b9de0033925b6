package io.mailharness.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A one-connection server on loopback that plays a script against the client, for replies no real server sends. */
final class ScriptedServer implements AutoCloseable {
    @FunctionalInterface
    interface Script {
        void play(Socket client) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final Thread thread;

    private ScriptedServer(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            try (Socket client = listener.accept()) {
                script.play(client);
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should when a bound is hit
            }
        });
    }

    static ScriptedServer start(Script script) throws IOException {
        return new ScriptedServer(script);
    }

    int port() {
        return listener.getLocalPort();
    }

    static void send(Socket client, String text) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Sends {@code count} pieces, the i-th {@code piece.apply(i)}, one every {@code every} on a scheduled executor
     * (the slow drip is the behaviour under test), and returns when they are sent or the client is gone.
     */
    static void drip(Socket client, int count, Duration every, IntFunction<String> piece) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try {
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= count) {
                    done.countDown();
                    return;
                }
                try {
                    send(client, piece.apply(i));
                } catch (IOException gone) {
                    done.countDown(); // the client hung up
                }
            }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
            done.await(every.multipliedBy(count + 10).toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pace.shutdownNow();
        }
    }

    /** Reads one command line from the client (up to LF). */
    static String readLine(Socket client) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = client.getInputStream().read()) >= 0 && b != '\n'; ) line.append((char) b);
        return line.toString().strip();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        thread.interrupt();
    }
}
