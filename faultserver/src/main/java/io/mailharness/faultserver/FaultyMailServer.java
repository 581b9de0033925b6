package io.mailharness.faultserver;

import io.mailharness.faultserver.net.Listener;
import io.mailharness.faultserver.pop3.Pop3CommandRegistry;
import io.mailharness.faultserver.pop3.Pop3Session;
import io.mailharness.faultserver.smtp.SmtpCommandRegistry;
import io.mailharness.faultserver.smtp.SmtpSession;
import io.mailharness.faultserver.store.MailStore;
import io.mailharness.faultserver.store.StoredMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process SMTP (RFC 5321) and POP3 (RFC 1939) server on 127.0.0.1 that conforms by
 * default and breaks exactly the rules its {@link Faults} name. SMTP deliveries land in a shared
 * {@link MailStore} that POP3 reads.
 *
 * <pre>{@code
 * try (FaultyMailServer server = FaultyMailServer.start(Faults.of(SmtpFaults.SMTP_GREETING_NOT_220))) {
 *     connect to server.host(), server.smtpPort() / server.pop3Port() ...
 * }
 * }</pre>
 */
public final class FaultyMailServer implements AutoCloseable {

    public static final String DEFAULT_HOST_NAME = "localhost";
    public static final String DEFAULT_LOCAL_DOMAIN = "mailharness.test";
    public static final long DEFAULT_SIZE_LIMIT = 10L * 1024 * 1024;

    private final ServerContext context;
    private final Listener smtp;
    private final Listener pop3;

    private FaultyMailServer(ServerConfig config, Faults faults) throws IOException {
        List<String> maildrops = new ArrayList<>(config.accounts().stream().map(LocalAccount::user).toList());
        maildrops.add("postmaster"); // RFC 5321 §4.5.1: mail to postmaster must be accepted
        this.context = new ServerContext(config, new MailStore(maildrops, faults), faults);
        SmtpCommandRegistry smtpCommands = SmtpCommandRegistry.create(faults);
        Pop3CommandRegistry pop3Commands = Pop3CommandRegistry.create(faults);
        this.smtp = Listener.start("smtp", () -> new SmtpSession(context, smtpCommands), config.readTimeout());
        try {
            this.pop3 = Listener.start("pop3", () -> new Pop3Session(context, pop3Commands), config.readTimeout());
        } catch (IOException e) {
            smtp.close();
            throw e;
        }
    }

    /** A conforming server with the default accounts. */
    public static FaultyMailServer start() {
        return builder().start();
    }

    /** The default server with these faults. */
    public static FaultyMailServer start(Faults faults) {
        return builder().faults(faults).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return smtp.port();
    }

    public int pop3Port() {
        return pop3.port();
    }

    public MailStore store() {
        return context.store();
    }

    public ServerConfig config() {
        return context.config();
    }

    public Faults faults() {
        return context.faults();
    }

    public List<LocalAccount> accounts() {
        return config().accounts();
    }

    public LocalAccount account(String user) {
        return config().account(user).orElseThrow(() -> new NoSuchElementException("no account " + user));
    }

    /** Puts octets into a maildrop exactly as given (no trace fields, no faults): for POP3-only cases. */
    public StoredMessage insertRaw(String user, byte[] content) {
        return store().insertRaw(user, content);
    }

    public StoredMessage insertRaw(String user, String content) {
        return store().insertRaw(user, content);
    }

    /**
     * Target settings that aim the harness at this server: plain SMTP and POP3 on loopback, every account
     * disposable, the given read timeout (short ones keep fault tests quick).
     */
    public io.mailharness.settings.TargetSettings settings(Duration readTimeout) {
        return new io.mailharness.settings.TargetSettings("faulty", "FaultyMailServer " + faults(), config().localDomain(),
                java.util.Optional.of(new io.mailharness.settings.SmtpSettings(new io.mailharness.settings.Endpoint(host(), smtpPort()),
                        io.mailharness.settings.SmtpSecurity.PLAIN, java.util.Optional.empty())),
                java.util.Optional.of(new io.mailharness.settings.Pop3Settings(new io.mailharness.settings.Endpoint(host(), pop3Port()),
                        io.mailharness.settings.Pop3Security.PLAIN)),
                io.mailharness.settings.TlsSettings.verifying(),
                new io.mailharness.settings.Timeouts(Duration.ofSeconds(2), readTimeout),
                accounts().stream().map(a -> new io.mailharness.settings.Account(a.address(), a.user(), a.password(), true)).toList());
    }

    /** Stops both listeners and every connection, stalled ones included; SMTP sessions get a 421. */
    @Override
    public void close() {
        context.signalClose();
        smtp.close();
        pop3.close();
    }

    /** Settings of the server to start; every setting has a default. */
    public static final class Builder {

        private String hostName = DEFAULT_HOST_NAME;
        private String localDomain = DEFAULT_LOCAL_DOMAIN;
        private final List<String[]> accounts = new ArrayList<>();
        private long sizeLimit = DEFAULT_SIZE_LIMIT;
        private int rcptLimit = 100;
        private boolean authWithoutTls;
        private Duration readTimeout = Duration.ofSeconds(30);
        private Faults faults = Faults.none();
        private RelayRoute relay;

        private Builder() {
        }

        /** Relays mail for {@code domain}, from any client, to the SMTP server at {@code host:port}. */
        public Builder relay(String domain, String host, int port) {
            relay = new RelayRoute(domain, host, port);
            return this;
        }

        public Builder hostName(String value) {
            hostName = Objects.requireNonNull(value);
            return this;
        }

        public Builder localDomain(String value) {
            localDomain = Objects.requireNonNull(value);
            return this;
        }

        /** Adds a local account; without any, {@code alice}/{@code alice-secret} and {@code bob}/{@code bob-secret}. */
        public Builder account(String user, String password) {
            accounts.add(new String[] {user, password});
            return this;
        }

        public Builder sizeLimit(long octets) {
            sizeLimit = octets;
            return this;
        }

        public Builder rcptLimit(int value) {
            rcptLimit = value;
            return this;
        }

        /** Offer SMTP AUTH before STARTTLS (RFC 4954 §4 advises against it; for profiles that need it). */
        public Builder authWithoutTls(boolean value) {
            authWithoutTls = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder faults(Faults value) {
            faults = Objects.requireNonNull(value);
            return this;
        }

        public Builder faults(Fault... value) {
            faults = Faults.of(value);
            return this;
        }

        public FaultyMailServer start() {
            List<String[]> chosen = accounts.isEmpty()
                    ? List.of(new String[] {"alice", "alice-secret"}, new String[] {"bob", "bob-secret"})
                    : accounts;
            List<LocalAccount> locals = chosen.stream()
                    .map(a -> new LocalAccount(a[0], a[1], a[0] + "@" + localDomain)).toList();
            ServerConfig config = new ServerConfig(hostName, localDomain, locals, sizeLimit, rcptLimit,
                    authWithoutTls, readTimeout, Optional.ofNullable(relay));
            try {
                return new FaultyMailServer(config, faults);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fault server", e);
            }
        }
    }
}
