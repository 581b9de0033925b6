package io.mailharness.conformance.proof;

import io.mailharness.conformance.check.SuiteParameters;
import io.mailharness.conformance.check.TargetRegistry;
import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.conformance.run.SuiteRunner;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.LocalAccount;
import io.mailharness.result.CheckResult;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.ReconnectBackoff;
import io.mailharness.settings.RelaySettings;
import io.mailharness.settings.ReplyLimits;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A FaultyMailServer (plus a rewriting proxy when the fault needs one) registered as a suite target,
 * with three messages (two of them byte-identical twins) already in every account's maildrop, so
 * listing checks have something to list, on whichever maildrop they are leased.
 */
final class FaultyTarget implements AutoCloseable {
    /**
     * Short bounds: the fault server answers at once and stores a message before its 250 to the end of data, so
     * waits only matter when a check must fail (a lost message, a connection left open).
     */
    static final Map<String, String> FAST = Map.of(
            SuiteParameters.SILENCE, "300",
            SuiteParameters.CLOSE_WAIT, "1500",
            SuiteParameters.DELIVERY_WAIT, "1000");

    private final FaultyMailServer server;
    private final ClientRewritingProxy proxy;
    private final ClientRewritingProxy pop3Proxy;
    private final TargetSettings settings;
    private final String key;

    /** What the maildrops hold at the start: the three messages in each, or nothing with the primary disposable or not. */
    enum Maildrops { SEEDED, EMPTY, EMPTY_PRIMARY_NOT_DISPOSABLE }

    private FaultyTarget(ServerFault fault) {
        this(fault, SmtpSecurity.PLAIN, io.mailharness.settings.SmtpAuthMechanism.PLAIN, Maildrops.SEEDED);
    }

    private FaultyTarget(ServerFault fault, SmtpSecurity security, io.mailharness.settings.SmtpAuthMechanism auth, Maildrops maildrops) {
        RelaySettings relay = new RelaySettings(RELAY_DOMAIN, new Endpoint("127.0.0.1", freePort()));
        this.server = FaultyMailServer.builder().faults(fault.faults())
                .sizeLimit(1024 * 1024) // SIZE 1 MiB: SMTP-LIM-TOOBIG goes past it quickly
                .relay(relay.domain(), relay.nextHop().host(), relay.nextHop().port()) // SMTP-SMUG-OUT's next hop listens there
                .readTimeout(Duration.ofSeconds(20)).start();
        try {
            this.proxy = fault.smtpClientRewrite().isPresent()
                    ? new ClientRewritingProxy(server.smtpPort(), fault.smtpClientRewrite().get()) : null;
            this.pop3Proxy = fault.pop3ClientRewrite().isPresent()
                    ? new ClientRewritingProxy(server.pop3Port(), fault.pop3ClientRewrite().get()) : null;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
        for (LocalAccount local : maildrops == Maildrops.SEEDED ? server.accounts() : List.<LocalAccount>of()) { // every maildrop alike, whichever a check is leased
            server.insertRaw(local.user(), "Subject: seed one\r\nX-Mailharness-Seed: 1\r\n\r\nfirst seeded message\r\n");
            server.insertRaw(local.user(), "Subject: seed two\r\nX-Mailharness-Seed: 2\r\n\r\nsecond\r\n.dot line\r\n");
            server.insertRaw(local.user(), "Subject: seed one\r\nX-Mailharness-Seed: 1\r\n\r\nfirst seeded message\r\n"); // a twin
        }
        int smtpPort = proxy == null ? server.smtpPort() : proxy.port();
        int pop3Port = pop3Proxy == null ? server.pop3Port() : pop3Proxy.port();
        List<Account> accounts = server.accounts().stream().map(FaultyTarget::account).toList();
        if (maildrops == Maildrops.EMPTY_PRIMARY_NOT_DISPOSABLE) {
            accounts = new java.util.ArrayList<>(accounts);
            Account primary = accounts.get(0);
            accounts.set(0, new Account(primary.address(), primary.user(), primary.password(), false));
        }
        this.settings = new TargetSettings("faulty-" + fault.name(), "FaultyMailServer with " + fault.name(),
                server.config().localDomain(),
                Optional.of(new SmtpSettings(new Endpoint(server.host(), smtpPort), security,
                        Optional.of(auth))), // smtp.auth: checks that log in (SMTP-RSET-SESSION)
                Optional.of(new Pop3Settings(new Endpoint(server.host(), pop3Port), Pop3Security.PLAIN)),
                new TlsSettings(false, Optional.empty()), // the fault server's certificate is self-signed
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                accounts, ReplyLimits.defaults(), ReconnectBackoff.defaults(), Optional.of(relay));
        this.key = TargetRegistry.register(settings);
    }

    /** The domain the fault server relays to the next hop of SMTP-SMUG-OUT. */
    static final String RELAY_DOMAIN = "relay.mailharness.test";

    /**
     * A port free now, for the next hop the check starts later (the fault server must know it first). Drawn below
     * the kernel's ephemeral range (32768 and up), so that no listener on port 0 takes it in the meantime.
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(10_000);
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // in use: draw another
            }
        }
        throw new IllegalStateException("no free port for the next hop in 20000-29999 after 100 draws");
    }

    static FaultyTarget start(ServerFault fault) {
        return new FaultyTarget(fault);
    }

    /** The same as a submission listener: STARTTLS first, then AUTH with {@code auth} (smtp.security = starttls). */
    static FaultyTarget startTlsFirst(ServerFault fault, io.mailharness.settings.SmtpAuthMechanism auth) {
        return new FaultyTarget(fault, SmtpSecurity.STARTTLS, auth, Maildrops.SEEDED);
    }

    /** The same with every maildrop empty at the start, as on a freshly provisioned server. */
    static FaultyTarget startEmpty(ServerFault fault, Maildrops maildrops) {
        return new FaultyTarget(fault, SmtpSecurity.PLAIN, io.mailharness.settings.SmtpAuthMechanism.PLAIN, maildrops);
    }

    private static Account account(LocalAccount local) {
        return new Account(local.address(), local.user(), local.password(), true);
    }

    FaultyMailServer server() {
        return server;
    }

    TargetSettings settings() {
        return settings;
    }

    /** Runs the selected checks against this target. */
    List<CheckResult> run(CheckSelection selection) {
        return SuiteRunner.run(key, false, selection, FAST);
    }

    @Override
    public void close() {
        TargetRegistry.unregister(key);
        if (proxy != null) proxy.close();
        if (pop3Proxy != null) pop3Proxy.close();
        server.close();
    }
}
