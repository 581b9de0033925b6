package io.mailharness.faultserver;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Server side of STARTTLS/STLS, from the self-signed CN=localhost keystore shipped in
 * resources (made once with keytool, valid 20 years): nothing is generated at runtime.
 */
public final class Tls {

    /** Throw-away password of a test-only keystore; it protects nothing. */
    private static final char[] KEYSTORE_PASSWORD = "faultserver-test-only".toCharArray();
    private static final String KEYSTORE = "/faultserver/localhost.p12";

    private static volatile SSLContext context;

    private Tls() {
    }

    /** Layers TLS over an accepted plaintext socket and completes the server handshake. */
    public static SSLSocket upgrade(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setSoTimeout(plain.getSoTimeout());
        tls.startHandshake();
        return tls;
    }

    public static SSLContext context() {
        SSLContext local = context;
        if (local == null) {
            synchronized (Tls.class) {
                if (context == null) {
                    context = load();
                }
                local = context;
            }
        }
        return local;
    }

    private static SSLContext load() {
        try (InputStream in = Tls.class.getResourceAsStream(KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + KEYSTORE);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, KEYSTORE_PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEYSTORE_PASSWORD);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), null, null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the fault server keystore", e);
        }
    }
}
