package io.mailharness.gatling.client;

import io.mailharness.client.SmtpSession;

/** One virtual user's open SMTP session and how many transactions it has carried. */
public final class SmtpConnection implements AutoCloseable {
    private final SmtpSession session;
    private int transactions;

    public SmtpConnection(SmtpSession session) {
        this.session = session;
    }

    public SmtpSession session() {
        return session;
    }

    public int transactions() {
        return transactions;
    }

    public void countTransaction() {
        transactions++;
    }

    public boolean isOpen() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.close();
    }
}
