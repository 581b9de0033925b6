package io.mailharness.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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
