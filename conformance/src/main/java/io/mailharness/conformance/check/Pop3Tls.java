package io.mailharness.conformance.check;

import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;

import java.io.IOException;

/** STLS (RFC 2595 §4) inside raw probes: the handshake over an open POP3 connection with the target's TLS trust. */
public final class Pop3Tls {
    private Pop3Tls() {}

    /** True when the settings make every POP3 connection plain, so STLS can be probed from the start. */
    public static boolean plainConnections(CheckContext check) {
        return check.target().pop3().map(Pop3Settings::security).orElse(Pop3Security.PLAIN) == Pop3Security.PLAIN;
    }

    /** Tries the TLS handshake after a +OK to STLS; false when the server ended it (closed or aborted). */
    public static boolean tryHandshake(CheckContext check, Pop3Probe pop3) {
        Pop3Settings pop3Settings = check.target().requirePop3();
        try {
            pop3.connection().startTls(check.target().tls(), pop3Settings.endpoint().host(), pop3Settings.endpoint().port());
            return true;
        } catch (IOException | RuntimeException e) {
            if (rejectedCertificate(e)) throw new CheckFailure("TLS handshake after +OK to STLS", "a certificate the settings trust", e.toString());
            return false;
        }
    }

    /** Our side refused the server's certificate: a settings matter, not the server ending the negotiation. */
    private static boolean rejectedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException || t instanceof java.security.cert.CertPathValidatorException) return true;
        }
        return false;
    }

    /** Completes the TLS handshake after a +OK to STLS, or fails the check (step "TLS handshake"). */
    public static void handshake(CheckContext check, Pop3Probe pop3) {
        Pop3Settings pop3Settings = check.target().requirePop3();
        try {
            pop3.connection().startTls(check.target().tls(), pop3Settings.endpoint().host(), pop3Settings.endpoint().port());
        } catch (IOException | RuntimeException e) {
            throw new CheckFailure("TLS handshake after +OK to STLS", "a completed handshake", e.toString());
        }
    }
}
