package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.ServerConfig;

/**
 * Everything one SMTP session remembers: the client's EHLO/HELO name, TLS and AUTH status,
 * and the open mail transaction. STARTTLS forgets all of it (RFC 3207 §4.2).
 */
public final class SmtpState {

    private final ServerConfig config;
    private final String clientAddress;
    private String heloName;
    private boolean esmtp;
    private boolean tls;
    private String authenticatedUser;
    private MailTransaction transaction;

    SmtpState(ServerConfig config, String clientAddress) {
        this.config = config;
        this.clientAddress = clientAddress;
    }

    public ServerConfig config() {
        return config;
    }

    /** The client's IP address, for the TCP-info of the Received field. */
    public String clientAddress() {
        return clientAddress;
    }

    public boolean greeted() {
        return heloName != null;
    }

    public String heloName() {
        return heloName;
    }

    /** The client said EHLO (not HELO), so service extensions and their parameters are allowed. */
    public boolean esmtp() {
        return esmtp;
    }

    public boolean tls() {
        return tls;
    }

    public boolean authenticated() {
        return authenticatedUser != null;
    }

    public String authenticatedUser() {
        return authenticatedUser;
    }

    /** The open mail transaction, or null between transactions. */
    public MailTransaction transaction() {
        return transaction;
    }

    /** AUTH is offered when the channel is encrypted, or when the profile allows it in clear. */
    public boolean authOffered() {
        return tls || config.authWithoutTls();
    }

    /** EHLO/HELO: a later one works like RSET (RFC 5321 §4.1.4). */
    void greet(String name, boolean extended) {
        heloName = name;
        esmtp = extended;
        transaction = null;
    }

    void beginTransaction(MailTransaction started) {
        transaction = started;
    }

    void resetTransaction() {
        transaction = null;
    }

    void authenticate(String user) {
        authenticatedUser = user;
    }

    /** After the TLS handshake: back to the state right after the greeting. */
    void tlsStarted() {
        tls = true;
        heloName = null;
        esmtp = false;
        authenticatedUser = null;
        transaction = null;
    }
}
