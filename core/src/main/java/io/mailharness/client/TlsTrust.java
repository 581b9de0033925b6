package io.mailharness.client;

import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TlsSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Turns the target's TLS settings into the trust manager and SSL context the clients use. */
public final class TlsTrust {
    private TlsTrust() {}

    public static TrustManager trustManager(TlsSettings tls) {
        if (!tls.verify()) return new AcceptAnyCertificate();
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(tls.trustStore().map(TlsTrust::loadTrustStore).orElse(null));
            return factory.getTrustManagers()[0];
        } catch (java.security.GeneralSecurityException e) {
            throw new SettingsException("tls", "cannot set up certificate verification: " + e.getMessage());
        }
    }

    public static SSLContext sslContext(TlsSettings tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(tls)}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new SettingsException("tls", "cannot create a TLS context: " + e.getMessage());
        }
    }

    /**
     * TLS over a connected plain socket, as a client, handshake done: for implicit TLS and after STLS. The
     * server's name is checked against its certificate when the settings verify certificates.
     */
    public static javax.net.ssl.SSLSocket layer(java.net.Socket plain, String host, int port, TlsSettings tls) throws java.io.IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContext(tls).getSocketFactory().createSocket(plain, host, port, true);
        socket.setUseClientMode(true);
        if (tls.verify()) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    /** A PEM file of CA certificates, or a PKCS12 trust store (no password). */
    private static KeyStore loadTrustStore(Path path) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
                try (InputStream in = Files.newInputStream(path)) {
                    store.load(in, new char[0]);
                }
                return store;
            }
            store.load(null, null);
            try (InputStream in = Files.newInputStream(path)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) throw new SettingsException("tls.trust-store", path + " holds no certificate");
            }
            return store;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new SettingsException("tls.trust-store", "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The explicit opt-out (tls.verify = false) for self-signed test servers. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
