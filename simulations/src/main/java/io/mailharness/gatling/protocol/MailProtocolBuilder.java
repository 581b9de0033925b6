package io.mailharness.gatling.protocol;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.mailharness.gatling.Injector;
import io.mailharness.gatling.MailRun;
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
import java.util.Optional;

/**
 * The mail protocol builder: everything defaults to the target settings ({@code -Dmailharness.target.file},
 * or the embedded server), each method returns a new builder with one thing changed.
 * <pre>{@code
 * MailProtocolBuilder mail = MailDsl.mail().messagesPerConnection(10).messageMix("fixed:4k");
 * }</pre>
 */
public final class MailProtocolBuilder implements ProtocolBuilder {
    private final MailProtocol p;

    private MailProtocolBuilder(MailProtocol p) {
        this.p = p;
    }

    /** Defaults for a target: its accounts split among injectors, MAIL FROM its first account, a realistic mix. */
    public static MailProtocolBuilder forTarget(TargetSettings target) {
        Injector injector = MailRun.current().injector();
        List<Account> accounts = target.disposableAccounts().isEmpty() ? target.accounts() : target.disposableAccounts();
        List<Account> mine = injector.share(accounts);
        if (mine.isEmpty()) {
            throw new io.mailharness.settings.SettingsException(Injector.PROPERTY, "injector " + injector + " gets no account: the target has "
                    + accounts.size() + " (disposable) accounts for " + injector.count() + " injectors");
        }
        return new MailProtocolBuilder(new MailProtocol(target, "mailharness.invalid", accounts.isEmpty() ? null : accounts.get(0),
                accounts.get(0).address(), mine, Pop3Login.USER_PASS, 1, true, false, MessageMix.realistic(),
                20_240_501L, Duration.ofSeconds(60), true, false, true));
    }

    public MailProtocol build() {
        return p;
    }

    @Override
    public Protocol protocol() {
        return p;
    }

    private MailProtocolBuilder target(TargetSettings t) {
        return new MailProtocolBuilder(new MailProtocol(t, p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    private TargetSettings t() {
        return p.target();
    }

    private SmtpSettings smtpOrDefault() {
        return t().smtp().orElse(new SmtpSettings(new Endpoint("127.0.0.1", 25), SmtpSecurity.PLAIN, Optional.empty()));
    }

    private Pop3Settings pop3OrDefault() {
        return t().pop3().orElse(new Pop3Settings(new Endpoint("127.0.0.1", 110), Pop3Security.PLAIN));
    }

    private MailProtocolBuilder with(Optional<SmtpSettings> smtp, Optional<Pop3Settings> pop3, TlsSettings tls, Timeouts timeouts) {
        return target(new TargetSettings(t().name(), t().description(), t().domain(), smtp, pop3, tls, timeouts, t().accounts()));
    }

    /** The SMTP endpoint, instead of the target's. */
    public MailProtocolBuilder smtp(String host, int port) {
        SmtpSettings s = smtpOrDefault();
        return with(Optional.of(new SmtpSettings(new Endpoint(host, port), s.security(), s.auth())), t().pop3(), t().tls(), t().timeouts());
    }

    /** plain, STARTTLS (RFC 3207) or implicit TLS. */
    public MailProtocolBuilder smtpSecurity(SmtpSecurity security) {
        SmtpSettings s = smtpOrDefault();
        return with(Optional.of(new SmtpSettings(s.endpoint(), security, s.auth())), t().pop3(), t().tls(), t().timeouts());
    }

    /** SMTP AUTH with PLAIN, LOGIN or CRAM-MD5 as the account given (default: the first account). */
    public MailProtocolBuilder smtpAuth(SmtpAuthMechanism mechanism) {
        SmtpSettings s = smtpOrDefault();
        return with(Optional.of(new SmtpSettings(s.endpoint(), s.security(), Optional.ofNullable(mechanism))), t().pop3(), t().tls(), t().timeouts());
    }

    public MailProtocolBuilder smtpAuthAccount(Account account) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), account, p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** The POP3 endpoint, instead of the target's. */
    public MailProtocolBuilder pop3(String host, int port) {
        Pop3Settings s = pop3OrDefault();
        return with(t().smtp(), Optional.of(new Pop3Settings(new Endpoint(host, port), s.security())), t().tls(), t().timeouts());
    }

    /** plain, STLS (RFC 2595) or POP3S. */
    public MailProtocolBuilder pop3Security(Pop3Security security) {
        Pop3Settings s = pop3OrDefault();
        return with(t().smtp(), Optional.of(new Pop3Settings(s.endpoint(), security)), t().tls(), t().timeouts());
    }

    public MailProtocolBuilder apop() {
        return pop3Login(Pop3Login.APOP);
    }

    public MailProtocolBuilder pop3Login(Pop3Login login) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), login,
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** Certificate verification; {@code false} only for self-signed test servers. */
    public MailProtocolBuilder tlsVerify(boolean verify) {
        return with(t().smtp(), t().pop3(), new TlsSettings(verify, t().tls().trustStore()), t().timeouts());
    }

    /** Bounds for connecting and for every reply. */
    public MailProtocolBuilder timeouts(Duration connect, Duration read) {
        return with(t().smtp(), t().pop3(), t().tls(), new Timeouts(connect, read));
    }

    /** The domain in EHLO. */
    public MailProtocolBuilder clientDomain(String domain) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), domain, p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** MAIL FROM (default: the first account's address). */
    public MailProtocolBuilder reversePath(String address) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), address, p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** The accounts senders address and readers drain (default: this injector's share of the target's disposable accounts). */
    public MailProtocolBuilder maildrops(List<Account> accounts) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), accounts, p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** Connection policy: transactions per SMTP connection before QUIT; 1 connects per message. */
    public MailProtocolBuilder messagesPerConnection(int n) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                n, p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** One Gatling request per protocol stage (default on). */
    public MailProtocolBuilder stageRequests(boolean on) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), on, p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** Also one request per SMTP transaction, MAIL to end-of-data (default off). */
    public MailProtocolBuilder transactionRequest(boolean on) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), on, p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    public MailProtocolBuilder messageMix(MessageMix mix) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), mix, p.seed(), p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** {@code realistic}, {@code fixed:SIZE} or {@code uniform:MIN-MAX}, sizes like 1024, 4k, 1m. */
    public MailProtocolBuilder messageMix(String mix) {
        return messageMix(MessageMix.parse(mix));
    }

    public MailProtocolBuilder messageSize(int octets) {
        return messageMix(MessageMix.fixed(octets));
    }

    public MailProtocolBuilder seed(long seed) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), seed, p.drainGrace(), p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** How long the drain phase keeps reading for accepted messages after the load (default 60 s). */
    public MailProtocolBuilder drainGrace(Duration grace) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), grace, p.deleteAfterRetrieval(), p.pipelining(), p.deliveryTracking()));
    }

    /** Whether readers DELE what they retrieved (default on). */
    public MailProtocolBuilder deleteAfterRetrieval(boolean on) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), on, p.pipelining(), p.deliveryTracking()));
    }

    /**
     * SMTP command pipelining (RFC 2920): MAIL, every RCPT and DATA go out in one write and their replies
     * are read in order, each still timed as its own stage. Used only on connections whose EHLO reply
     * advertises PIPELINING; elsewhere the commands go one at a time and the log says so once. Default off.
     */
    public MailProtocolBuilder pipelining(boolean on) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(),
                on, p.deliveryTracking()));
    }

    /**
     * Whether the ledger tracks every accepted message to its retrieval (default on). Off, for a server that
     * stores nothing (a sink): the ledger still counts sent, accepted and rejected, but owes no delivery, so
     * there is nothing to drain, no message trace and no delivery latency, and the verdict says the retrieval
     * side was not checked. Per-stage timing is unaffected.
     */
    public MailProtocolBuilder deliveryTracking(boolean on) {
        return new MailProtocolBuilder(new MailProtocol(p.target(), p.clientDomain(), p.smtpAccount(), p.reversePath(), p.maildrops(), p.pop3Login(),
                p.messagesPerConnection(), p.stageRequests(), p.transactionRequest(), p.mix(), p.seed(), p.drainGrace(), p.deleteAfterRetrieval(),
                p.pipelining(), on));
    }
}
