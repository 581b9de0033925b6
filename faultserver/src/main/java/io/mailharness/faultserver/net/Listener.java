package io.mailharness.faultserver.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Accepts connections on 127.0.0.1 and a free port, one virtual thread per connection.
 * Every socket gets a read timeout, and {@link #close()} ends every connection, so a test
 * can never hang on this server.
 */
public final class Listener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Listener.class.getName());

    private final String protocol;
    private final ServerSocket serverSocket;
    private final Supplier<ConnectionHandler> handlers;
    private final Duration readTimeout;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Socket, ConnectionHandler> open = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Thread acceptor;

    private Listener(String protocol, Supplier<ConnectionHandler> handlers, Duration readTimeout) throws IOException {
        this.protocol = protocol;
        this.handlers = handlers;
        this.readTimeout = readTimeout;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.acceptor = Thread.ofVirtual().name("faultserver-" + protocol + "-accept").start(this::acceptLoop);
    }

    public static Listener start(String protocol, Supplier<ConnectionHandler> handlers, Duration readTimeout)
            throws IOException {
        return new Listener(protocol, handlers, readTimeout);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean isClosed() {
        return closed;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                socket.setSoTimeout((int) readTimeout.toMillis());
                socket.setTcpNoDelay(true);
                ConnectionHandler handler = handlers.get();
                open.put(socket, handler);
                connections.execute(() -> run(socket, handler));
            } catch (SocketException | java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void run(Socket socket, ConnectionHandler handler) {
        try {
            handler.serve(socket);
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, () -> protocol + " session ended: " + e);
            }
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        open.forEach((socket, handler) -> {
            handler.serverClosing(socket);
            closeQuietly(socket);
        });
        connections.shutdownNow();
        try {
            if (!connections.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, protocol + " connection threads still running after close");
            }
            acceptor.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
