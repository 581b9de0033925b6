package io.mailharness.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plain TCP socket under every client session (TLS is layered on top of it). It reports its opening
 * and closing to a {@link SocketTally}, and closing it is the one way to end whatever a step is blocked in:
 * a read, a write to a server that stopped reading, a TLS handshake.
 */
final class ClientSocket extends Socket {
    private final SocketTally tally;
    private final AtomicBoolean counted = new AtomicBoolean();

    ClientSocket(SocketTally tally) {
        this.tally = tally;
    }

    /** Counted from the connection attempt on: a connecting socket holds its descriptor too. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (counted.compareAndSet(false, true)) tally.opened();
        super.connect(endpoint, timeout);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            if (counted.compareAndSet(true, false)) tally.closed();
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Hands Commons Net this one socket. */
    javax.net.SocketFactory factory() {
        ClientSocket socket = this;
        return new javax.net.SocketFactory() {
            @Override
            public Socket createSocket() {
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("connect through createSocket() and connect()");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException("connect through createSocket() and connect()");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("connect through createSocket() and connect()");
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException("connect through createSocket() and connect()");
            }
        };
    }
}
