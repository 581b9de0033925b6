package io.mailharness.client;

/**
 * Told when a client session opens and closes its TCP socket (once each, whatever happens in between), so
 * a load run counts the sockets it really holds: connecting, greeted or not, in TLS or not.
 */
public interface SocketTally {
    SocketTally NONE = new SocketTally() {
        @Override
        public void opened() {}

        @Override
        public void closed() {}
    };

    void opened();

    void closed();
}
