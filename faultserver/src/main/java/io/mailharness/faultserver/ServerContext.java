package io.mailharness.faultserver;

import io.mailharness.faultserver.store.MailStore;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What every session of one server shares: settings, store, faults and the shutdown signal. */
public final class ServerContext {

    private final ServerConfig config;
    private final MailStore store;
    private final Faults faults;
    private final CountDownLatch closing = new CountDownLatch(1);

    public ServerContext(ServerConfig config, MailStore store, Faults faults) {
        this.config = config;
        this.store = store;
        this.faults = faults;
    }

    public ServerConfig config() {
        return config;
    }

    public MailStore store() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    /** Holds a stalled session: until the server closes, but never longer than the read timeout. */
    public void awaitClose() {
        try {
            closing.await(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosing() {
        return closing.getCount() == 0;
    }

    void signalClose() {
        closing.countDown();
    }
}
