package io.mailharness.faultserver.net;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted connection; runs on its own (virtual) thread. */
public interface ConnectionHandler {

    /** Runs the session until it ends. The listener closes the socket afterwards. */
    void serve(Socket socket) throws IOException;

    /** Called from the closing thread while the session may still run: a last word (SMTP 421). */
    default void serverClosing(Socket socket) {
    }
}
