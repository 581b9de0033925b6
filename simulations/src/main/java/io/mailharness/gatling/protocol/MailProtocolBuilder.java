package io.mailharness.gatling.protocol;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.mailharness.gatling.Injector;
import io.mailharness.message.MessageMix;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The mail protocol builder: everything defaults to the target settings ({@code -Dmailharness.target.file},
 * or the embedded server started with the run), each method returns a new builder with one thing changed.
 * <pre>{@code
 * MailProtocolBuilder mail = MailDsl.mail().messagesPerConnection(10).messageMix("fixed:4k");
 * }</pre>
 */
public final class MailProtocolBuilder implements ProtocolBuilder {
    private final MailProtocol p;

    private MailProtocolBuilder(MailProtocol p) {
        this.p = p;
    }

    /** The run's target (system properties and environment, else the embedded default), with the protocol's defaults. */
    public static MailProtocolBuilder forSystemTarget() {
        return forPlan(TargetPlan.fromSystem());
    }

    /** Defaults for a target: its load accounts split among injectors, MAIL FROM the first of them, a realistic mix. */
    public static MailProtocolBuilder forTarget(TargetSettings target) {
        return forPlan(TargetPlan.of(target));
    }

    private static MailProtocolBuilder forPlan(TargetPlan plan) {
        return new MailProtocolBuilder(new MailProtocol(plan, Injector.fromSystem(), "mailharness.invalid", null, null, null,
                Pop3Login.USER_PASS, 1, true, false, MessageMix.realistic(), 20_240_501L, Duration.ofSeconds(60), true, false, true,
                Map.of(), SimulationClass.calling()));
    }

    public MailProtocol build() {
        return p;
    }

    @Override
    public Protocol protocol() {
        return p;
    }

    /** The protocol's fields, to change one and build a new protocol. */
    private static final class Draft {
        TargetPlan target;
        Injector injector;
        String clientDomain;
        Account smtpAccount;
        String reversePath;
        List<Account> maildrops;
        Pop3Login pop3Login;
        int messagesPerConnection;
        boolean stageRequests;
        boolean transactionRequest;
        MessageMix mix;
        long seed;
        Duration drainGrace;
        boolean deleteAfterRetrieval;
        boolean pipelining;
        boolean deliveryTracking;
        Map<String, String> parameters;
        Class<?> simulation;

        Draft(MailProtocol p) {
            target = p.target();
            injector = p.injector();
            clientDomain = p.clientDomain();
            smtpAccount = p.smtpAccount();
            reversePath = p.reversePath();
            maildrops = p.maildrops();
            pop3Login = p.pop3Login();
            messagesPerConnection = p.messagesPerConnection();
            stageRequests = p.stageRequests();
            transactionRequest = p.transactionRequest();
            mix = p.mix();
            seed = p.seed();
            drainGrace = p.drainGrace();
            deleteAfterRetrieval = p.deleteAfterRetrieval();
            pipelining = p.pipelining();
            deliveryTracking = p.deliveryTracking();
            parameters = p.parameters();
            simulation = p.simulation();
        }

        MailProtocol build() {
            return new MailProtocol(target, injector, clientDomain, smtpAccount, reversePath, maildrops, pop3Login, messagesPerConnection,
                    stageRequests, transactionRequest, mix, seed, drainGrace, deleteAfterRetrieval, pipelining, deliveryTracking, parameters, simulation);
        }
    }

    private MailProtocolBuilder with(Consumer<Draft> change) {
        Draft d = new Draft(p);
        change.accept(d);
        return new MailProtocolBuilder(d.build());
    }

    private MailProtocolBuilder adjustTarget(java.util.function.UnaryOperator<TargetSettings> change) {
        return with(d -> d.target = d.target.adjusted(change));
    }

    private static SmtpSettings smtpOrDefault(TargetSettings t) {
        return t.smtp().orElse(new SmtpSettings(new Endpoint("127.0.0.1", 25), SmtpSecurity.PLAIN, Optional.empty()));
    }

    private static Pop3Settings pop3OrDefault(TargetSettings t) {
        return t.pop3().orElse(new Pop3Settings(new Endpoint("127.0.0.1", 110), Pop3Security.PLAIN));
    }

    /** The SMTP endpoint, instead of the target's. */
    public MailProtocolBuilder smtp(String host, int port) {
        return adjustTarget(t -> t.withSmtp(Optional.of(new SmtpSettings(new Endpoint(host, port), smtpOrDefault(t).security(), smtpOrDefault(t).auth()))));
    }

    /** plain, STARTTLS (RFC 3207) or implicit TLS. */
    public MailProtocolBuilder smtpSecurity(SmtpSecurity security) {
        return adjustTarget(t -> t.withSmtp(Optional.of(new SmtpSettings(smtpOrDefault(t).endpoint(), security, smtpOrDefault(t).auth()))));
    }

    /** SMTP AUTH with PLAIN, LOGIN or CRAM-MD5 as the account given (default: the first account). */
    public MailProtocolBuilder smtpAuth(SmtpAuthMechanism mechanism) {
        return adjustTarget(t -> t.withSmtp(Optional.of(new SmtpSettings(smtpOrDefault(t).endpoint(), smtpOrDefault(t).security(), Optional.ofNullable(mechanism)))));
    }

    public MailProtocolBuilder smtpAuthAccount(Account account) {
        return with(d -> d.smtpAccount = account);
    }

    /** The POP3 endpoint, instead of the target's. */
    public MailProtocolBuilder pop3(String host, int port) {
        return adjustTarget(t -> t.withPop3(Optional.of(new Pop3Settings(new Endpoint(host, port), pop3OrDefault(t).security()))));
    }

    /** plain, STLS (RFC 2595) or POP3S. */
    public MailProtocolBuilder pop3Security(Pop3Security security) {
        return adjustTarget(t -> t.withPop3(Optional.of(new Pop3Settings(pop3OrDefault(t).endpoint(), security))));
    }

    public MailProtocolBuilder apop() {
        return pop3Login(Pop3Login.APOP);
    }

    public MailProtocolBuilder pop3Login(Pop3Login login) {
        return with(d -> d.pop3Login = login);
    }

    /** Certificate verification; {@code false} only for self-signed test servers. */
    public MailProtocolBuilder tlsVerify(boolean verify) {
        return adjustTarget(t -> t.withTls(new TlsSettings(verify, t.tls().trustStore())));
    }

    /** Bounds for connecting and for every protocol step (command and complete reply). */
    public MailProtocolBuilder timeouts(Duration connect, Duration read) {
        return adjustTarget(t -> t.withTimeouts(new Timeouts(connect, read)));
    }

    /** The domain in EHLO. */
    public MailProtocolBuilder clientDomain(String domain) {
        return with(d -> d.clientDomain = domain);
    }

    /** MAIL FROM (default: the first account's address). */
    public MailProtocolBuilder reversePath(String address) {
        return with(d -> d.reversePath = address);
    }

    /** The accounts senders address and readers drain (default: this injector's share of the target's disposable accounts). */
    public MailProtocolBuilder maildrops(List<Account> accounts) {
        return with(d -> d.maildrops = accounts);
    }

    /** Connection policy: transactions per SMTP connection before QUIT; 1 connects per message. */
    public MailProtocolBuilder messagesPerConnection(int n) {
        return with(d -> d.messagesPerConnection = n);
    }

    /** One Gatling request per protocol stage (default on). Off, a failed stage is still reported. */
    public MailProtocolBuilder stageRequests(boolean on) {
        return with(d -> d.stageRequests = on);
    }

    /** Also one request per SMTP transaction, MAIL to end-of-data (default off). */
    public MailProtocolBuilder transactionRequest(boolean on) {
        return with(d -> d.transactionRequest = on);
    }

    public MailProtocolBuilder messageMix(MessageMix mix) {
        return with(d -> d.mix = mix);
    }

    /** {@code realistic}, {@code fixed:SIZE} or {@code uniform:MIN-MAX}, sizes like 1024, 4k, 1m. */
    public MailProtocolBuilder messageMix(String mix) {
        return messageMix(MessageMix.parse(mix));
    }

    public MailProtocolBuilder messageSize(int octets) {
        return messageMix(MessageMix.fixed(octets));
    }

    public MailProtocolBuilder seed(long seed) {
        return with(d -> d.seed = seed);
    }

    /** How long the drain phase keeps reading for accepted messages after the load (default 60 s). */
    public MailProtocolBuilder drainGrace(Duration grace) {
        return with(d -> d.drainGrace = grace);
    }

    /** Whether readers DELE what they retrieved (default on). */
    public MailProtocolBuilder deleteAfterRetrieval(boolean on) {
        return with(d -> d.deleteAfterRetrieval = on);
    }

    /**
     * SMTP command pipelining (RFC 2920): MAIL, every RCPT and DATA go out in one write and their replies
     * are read in order, each still timed as its own stage. Used only on connections whose EHLO reply
     * advertises PIPELINING; elsewhere the commands go one at a time and the log says so once. Default off.
     */
    public MailProtocolBuilder pipelining(boolean on) {
        return with(d -> d.pipelining = on);
    }

    /**
     * Whether the ledger tracks every accepted message to its retrieval (default on). Off — and always for a
     * target without POP3 — the run is send-only: the ledger counts sent, accepted and rejected, owes no
     * delivery, so there is nothing to drain, no message trace and no delivery latency, and its verdict says
     * retrieval was not checked. Per-stage timing is unaffected.
     */
    public MailProtocolBuilder deliveryTracking(boolean on) {
        return with(d -> d.deliveryTracking = on);
    }

    /** Parameters to keep in the run record, beside every {@code mailharness.*} system property (no credentials). */
    public MailProtocolBuilder recordParameters(Map<String, String> parameters) {
        Map<String, String> all = new TreeMap<>(p.parameters());
        all.putAll(parameters);
        return with(d -> d.parameters = all);
    }
}
