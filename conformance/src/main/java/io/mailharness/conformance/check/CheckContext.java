package io.mailharness.conformance.check;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.wire.Blocked;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.RawConnection;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.Verdicts;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one check works with: the target settings, fresh raw connections (each with its own transcript),
 * the accounts, and the verdict helpers beyond those on replies ({@link #warn}, {@link #observe},
 * {@link #skip}, {@link #fail}). Every connection opened here is closed when the check ends.
 */
public final class CheckContext implements Verdicts, AutoCloseable {
    /** One thing recorded as allowed-but-discouraged. */
    public record Warning(String step, String expected, String actual) {}

    private final CheckMetadata metadata;
    private final TargetSettings target;
    private final SuiteParameters parameters;
    private final List<RawConnection> connections = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private final List<String> observations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> attachedLabels = new ArrayList<>();
    private final List<Transcript> attached = new ArrayList<>();
    private Mailbox mailbox;
    private AccountLease lease = AccountLease.NONE;
    private final SmuggledMessages smuggled;

    CheckContext(CheckMetadata metadata, TargetSettings target, SuiteParameters parameters, SmuggledMessages smuggled) {
        this.metadata = metadata;
        this.target = target;
        this.parameters = parameters;
        this.smuggled = smuggled;
    }

    /** The messages the smuggling rows of this run hid in their data. */
    public SmuggledMessages smuggledMessages() {
        return smuggled;
    }

    public CheckMetadata metadata() {
        return metadata;
    }

    public TargetSettings target() {
        return target;
    }

    /** The local domain of the target: recipients {@code user@domain} are delivered there. */
    public String domain() {
        return target.domain();
    }

    // ---- connections ------------------------------------------------------------------------------

    /**
     * A fresh SMTP connection with the greeting read (not yet judged). On a target whose settings say
     * {@code security = starttls} the session is first moved inside TLS (EHLO, STARTTLS, handshake) and, with
     * {@code smtp.auth} set, authenticated, because such a listener refuses mail in clear (RFC 3207 §4): the
     * rows then judge the session a client of that listener really gets. Rows about the clear phase itself
     * (STARTTLS, AUTH) use {@link #smtpInClear()}.
     */
    public SmtpProbe smtp() {
        SmtpProbe smtp = smtpInClear();
        SmtpSettings settings = target.requireSmtp();
        if (settings.security() != SmtpSecurity.STARTTLS) return smtp;
        return preamble(() -> {
            smtp.greeting().expectCode(220);
            smtp.ehlo().expectCode(250);
            smtp.send("STARTTLS").expectCode(220);
            upgrade(smtp.connection(), settings.endpoint().host(), settings.endpoint().port());
            if (settings.auth().isPresent()) {
                smtp.ehlo().expectCode(250);
                Sasl.authenticate(smtp, settings.auth().get(), account()).expectCode(235); // the mechanism smtp.auth names
            }
            return smtp;
        });
    }

    /** A fresh SMTP connection with the greeting read, in clear whatever the settings say. */
    public SmtpProbe smtpInClear() {
        return SmtpProbe.afterGreeting(openSmtp(), this);
    }

    /** {@link #smtpInClear()}, greeted (220 expected) and introduced with EHLO (250 expected), as a preamble. */
    public SmtpProbe smtpInClearAfterEhlo() {
        return preamble(() -> {
            SmtpProbe smtp = smtpInClear();
            smtp.greeting().expectCode(220);
            smtp.ehlo().expectCode(250);
            return smtp;
        });
    }

    /** {@link #smtp()} with the greeting expected 220, as a preamble (the greeting is SMTP-GRT-220's rule). */
    public SmtpProbe smtpGreeted() {
        return preamble(() -> {
            SmtpProbe smtp = smtp();
            smtp.greeting().expectCode(220);
            return smtp;
        });
    }

    /** A fresh SMTP connection on which nothing has been read yet. */
    public SmtpProbe smtpBeforeGreeting() {
        return SmtpProbe.beforeGreeting(openSmtp(), this);
    }

    /**
     * A fresh SMTP connection, greeted (220 expected) and introduced with EHLO (250 expected). A failure on the
     * way is the greeting's and EHLO's rows' business: this check is {@linkplain #blocked blocked}, not failed.
     */
    public SmtpProbe smtpAfterEhlo() {
        return preamble(() -> {
            SmtpProbe smtp = smtp();
            smtp.greeting().expectCode(220);
            smtp.ehlo().expectCode(250);
            smtp.expectInStep("the reply to EHLO");
            return smtp;
        });
    }

    /** The reverse-path the probes send mail from: {@code sender@<local domain>}. */
    public String sender() {
        return "sender@" + domain();
    }

    /**
     * The transaction preamble: a fresh connection, greeted, EHLO, {@code MAIL FROM:<sender>} and a RCPT for each
     * recipient, all accepted, and DATA answered 354. What follows is the message data.
     */
    public SmtpProbe smtpInData(Account... recipients) {
        return preamble(() -> smtpAfterEhlo().startData(sender(), java.util.Arrays.stream(recipients).map(Account::address).toArray(String[]::new)));
    }

    /** A fresh POP3 connection with the greeting read (not yet judged). */
    public Pop3Probe pop3() {
        Pop3Settings pop3 = target.pop3().orElseThrow(() -> skipped("the target has no POP3 service"));
        RawConnection connection = open("POP3", () -> RawConnection.open(pop3.endpoint(), pop3.security() == Pop3Security.TLS,
                target.tls(), target.timeouts().connect(), target.timeouts().read(), new Transcript()));
        Pop3Probe probe = Pop3Probe.afterGreeting(connection);
        if (pop3.security() == Pop3Security.STLS) {
            probe.send("STLS").expectOk();
            upgrade(connection, pop3.endpoint().host(), pop3.endpoint().port());
        }
        return probe;
    }

    /** {@link #pop3()} with the greeting expected +OK, as a preamble (the greeting is POP-GRT's rule). */
    public Pop3Probe pop3Greeted() {
        return preamble(() -> {
            Pop3Probe pop3 = pop3();
            pop3.greeting().expectOk();
            return pop3;
        });
    }

    /** USER and PASS on an open session, as a preamble (logging in is POP-USERPASS's rule). */
    public Pop3Probe login(Pop3Probe pop3, Account account) {
        return preamble(() -> pop3.login(account));
    }

    /** A fresh POP3 connection logged in with USER/PASS (greeting and both replies expected +OK). */
    public Pop3Probe pop3LoggedIn(Account account) {
        return preamble(() -> {
            Pop3Probe pop3 = pop3();
            pop3.greeting().expectOk();
            return pop3.login(account);
        });
    }

    /**
     * Runs the steps that bring a check to the state its rule is about. When one of them fails, the rule under
     * test was never reached: the check ends SKIP "blocked", naming the step, and the row that judges that step
     * (the greeting's, EHLO's, USER/PASS's...) gives the FAIL. A check whose own rule is one of these steps sends
     * it itself instead.
     */
    public <T> T preamble(java.util.function.Supplier<T> steps) {
        try {
            return steps.get();
        } catch (CheckFailure e) {
            throw blocked(e);
        }
    }

    /** The SKIP of a check that could not reach its rule: the step, what it expected, what came. */
    public static TestAbortedException blocked(CheckFailure failure) {
        return Blocked.by(failure);
    }

    /** How the reason of a blocked check starts. */
    public static final String BLOCKED = Blocked.PREFIX;

    private RawConnection openSmtp() {
        SmtpSettings smtp = target.smtp().orElseThrow(() -> skipped("the target has no SMTP service"));
        return open("SMTP", () -> RawConnection.open(smtp.endpoint(), smtp.security() == SmtpSecurity.TLS,
                target.tls(), target.timeouts().connect(), target.timeouts().read(), new Transcript()));
    }

    private interface Opener {
        RawConnection open() throws IOException;
    }

    private RawConnection open(String protocol, Opener opener) {
        try {
            RawConnection connection = opener.open();
            connections.add(connection);
            labels.add(protocol + " connection " + (connections.size()));
            return connection;
        } catch (IOException e) {
            throw new CheckFailure("connect (" + protocol + ")", "the server accepts a connection", e.toString());
        }
    }

    private void upgrade(RawConnection connection, String host, int port) {
        try {
            connection.startTls(target.tls(), host, port);
        } catch (IOException e) {
            throw new CheckFailure("TLS handshake", "a completed handshake", e.toString());
        }
    }

    // ---- accounts ---------------------------------------------------------------------------------

    /**
     * The account a read-only check logs into: the one leased to it (the primary, or a disposable one when the primary
     * was busy, {@link MaildropLeases}), else the primary.
     */
    public Account account() {
        if (!metadata.mutatesMailbox() && lease.accounts().size() == 1) return lease.accounts().get(0);
        return target.primaryAccount();
    }

    /**
     * The account of {@link #account()}, its maildrop holding at least one message: for the read-only rows whose
     * sub-cases address message 1 (LIST 1, UIDL 1, TOP 1 -1...), which on an empty maildrop would pass only because
     * there is no such message. An empty one marked disposable gets one message delivered and kept there for the next
     * such row (a maildrop is leased to one check at a time, {@link MaildropLeases}); one not marked disposable is not
     * written to: SKIP.
     */
    public Account accountWithMessage() {
        Account account = account();
        int messages = preamble(() -> {
            try (Pop3Probe pop3 = pop3LoggedIn(account)) {
                int count = Mailbox.list(pop3).size(); // LIST's shape is POP-LIST-FMT's rule
                pop3.send("QUIT");
                return count;
            }
        });
        if (messages > 0) return account;
        String needs = "needs a message in the maildrop of " + account.address() + ", which is empty";
        if (!account.disposable()) throw skipped(needs + " and not marked disposable in the target settings");
        if (target.smtp().isEmpty()) throw skipped(needs + " and the target has no SMTP service to deliver one");
        note("the maildrop of " + account.address() + " was empty: one message delivered to it and kept for the rows that need one");
        new Mailbox(this).seed(account);
        return account;
    }

    /** An account the settings mark disposable, or SKIP when there is none. */
    public Account disposableAccount() {
        return disposableAccounts(1).get(0);
    }

    /** {@code n} disposable accounts of those leased to this check, or SKIP when the settings have fewer. */
    public List<Account> disposableAccounts(int n) {
        List<Account> disposable = target.disposableAccounts();
        if (disposable.size() < n) {
            throw skipped("needs " + n + " account(s) marked disposable in the target settings; found " + disposable.size());
        }
        List<Account> held = MaildropLeases.candidates(target, n).stream().filter(lease::holds).limit(n).toList();
        if (held.size() < n) {
            throw new IllegalStateException(metadata.id() + " uses " + n + " disposable maildrop(s) but declares "
                    + metadata.maildrops() + " (@Check maildrops)");
        }
        return held;
    }

    /**
     * Takes the accounts leased to this check for its run; a check that changes maildrops starts on them emptied of
     * what earlier checks delivered ({@link Mailbox#startClean}).
     */
    void hold(AccountLease lease) {
        this.lease = lease;
        if (metadata.mutatesMailbox() && target.pop3().isPresent()) {
            lease.accounts().stream().filter(Account::disposable).forEach(mailbox()::startClean);
        }
    }

    /** Delivery and retrieval for checks that change a maildrop; what it delivers is deleted when the check ends. */
    public Mailbox mailbox() {
        if (!metadata.mutatesMailbox()) {
            throw new IllegalStateException(metadata.id() + " uses the mailbox but is not tagged " + Mode.MUTATES_MAILBOX.tag());
        }
        if (mailbox == null) mailbox = new Mailbox(this);
        return mailbox;
    }

    // ---- time bounds ------------------------------------------------------------------------------

    /** How long "no bytes arrive" is watched for. */
    public Duration silence() {
        return parameters.silence();
    }

    /** How long a check waits for the server to close a connection. */
    public Duration closeWait() {
        return parameters.closeWait();
    }

    /** How long a check waits for a delivered message to show up. */
    public Duration deliveryWait() {
        return parameters.deliveryWait();
    }

    // ---- verdicts ---------------------------------------------------------------------------------

    @Override
    public void warn(String step, String expected, String actual) {
        warnings.add(new Warning(step, expected, actual));
    }

    @Override
    public void observe(String observation) {
        observations.add(observation);
    }

    /** A failed requirement, to throw: {@code throw check.fail(...)}. */
    public CheckFailure fail(String step, String expected, String actual) {
        return new CheckFailure(step, expected, actual);
    }

    /** Ends the check as SKIP with the reason. */
    public void skip(String reason) {
        throw skipped(reason);
    }

    /** Fails unless {@code condition}. */
    public void require(boolean condition, String step, String expected, String actual) {
        if (!condition) throw fail(step, expected, actual);
    }

    static TestAbortedException skipped(String reason) {
        return new TestAbortedException(reason);
    }

    List<Warning> warnings() {
        return List.copyOf(warnings);
    }

    List<String> observations() {
        return List.copyOf(observations);
    }

    /** A harness note shown at the top of the transcript (clean-up problems and the like). */
    void note(String text) {
        notes.add(text);
    }

    /**
     * Adds an exchange the harness saw but did not hold the client side of (what a target relayed to the harness's
     * own next hop), shown after the connections under {@code label}.
     */
    public void attachTranscript(String label, Transcript transcript) {
        attachedLabels.add(label);
        attached.add(transcript);
    }

    /** Every connection's transcript, one after the other, labelled; then the attached ones. */
    public String transcript() {
        StringBuilder out = new StringBuilder();
        notes.forEach(n -> out.append("-- ").append(n).append('\n'));
        for (int i = 0; i < connections.size(); i++) {
            out.append("== ").append(labels.get(i)).append(" ==\n").append(connections.get(i).transcript().render());
        }
        for (int i = 0; i < attached.size(); i++) {
            out.append("== ").append(attachedLabels.get(i)).append(" ==\n").append(attached.get(i).render());
        }
        return out.toString();
    }

    /** Removes what the check delivered, then closes every connection. */
    @Override
    public void close() {
        if (mailbox != null) mailbox.cleanUp();
        connections.forEach(RawConnection::close);
    }
}
