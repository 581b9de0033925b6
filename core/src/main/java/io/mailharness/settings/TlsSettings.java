package io.mailharness.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS trust: certificates are verified by default, against the JDK's trust store or a given PEM/PKCS12 file.
 * {@code verify = false} is the explicit opt-out for self-signed test servers.
 */
public record TlsSettings(boolean verify, Optional<Path> trustStore) {
    public static TlsSettings verifying() {
        return new TlsSettings(true, Optional.empty());
    }
}
