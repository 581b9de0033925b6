package io.mailharness.faultserver.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server that goes down and comes back on the same port: a TCP relay on a fixed loopback port in front
 * of another server. {@link #stop()} is the outage — the port refuses connections and every relayed
 * connection is cut — and {@link #start()} is the restart, on the same port. One virtual thread per
 * direction per connection; {@link #close()} ends everything.
 */
public final class PortRelay implements AutoCloseable {
    private final int port;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;

    private PortRelay(int port, InetSocketAddress upstream) {
        this.port = port;
        this.upstream = upstream;
    }

    /** A relay on a free loopback port to {@code upstreamPort} on loopback, started. */
    public static PortRelay start(int upstreamPort) throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        PortRelay relay = new PortRelay(free, new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
        relay.start();
        return relay;
    }

    public int port() {
        return port;
    }

    /** Listens (again) on the relay's port. */
    public synchronized void start() throws IOException {
        if (listener != null) return;
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        listener = socket;
        acceptor = Thread.ofVirtual().name("relay-" + port).start(() -> accept(socket));
    }

    /** The outage: stops listening and cuts every relayed connection. */
    public synchronized void stop() {
        if (listener == null) return;
        closeQuietly(listener);
        listener = null;
        open.forEach(PortRelay::closeQuietly);
        open.clear();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, 2000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            Thread.ofVirtual().start(() -> pump(client, server));
            Thread.ofVirtual().start(() -> pump(server, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
