package io.mailharness.conformance.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A TCP proxy on 127.0.0.1 that passes server octets through unchanged and feeds each CRLF-terminated
 * client line through a rewrite before the server sees it. It turns the conforming fault server into one
 * that misreads client input in one way (a case-sensitive verb table, LF taken as a line end, ...), for
 * rules the fault server has no fault for yet.
 */
final class ClientRewritingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final UnaryOperator<byte[]> rewrite;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ClientRewritingProxy(int upstreamPort, UnaryOperator<byte[]> rewrite) throws IOException {
        this.upstreamPort = upstreamPort;
        this.rewrite = rewrite;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                InputStream fromServer = server.getInputStream();
                threads.execute(() -> pipe(fromServer, client, server));
                threads.execute(() -> rewriteLines(client, server));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(InputStream in, Socket to, Socket from) {
        try {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private void rewriteLines(Socket client, Socket server) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            for (int b; (b = in.read()) >= 0; previous = b) {
                line.write(b);
                if (b == '\n' && previous == '\r') {
                    out.write(rewrite.apply(line.toByteArray()));
                    out.flush();
                    line.reset();
                }
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(ClientRewritingProxy::closeQuietly);
        threads.shutdownNow();
    }
}
