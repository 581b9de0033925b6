package io.mailharness.gatling.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.action.HeldRequests;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.netty.MailClientConfig;
import io.mailharness.gatling.netty.ReplyGathering;
import io.mailharness.gatling.netty.ReplyLimits;
import io.mailharness.gatling.netty.SharedBodyMessages;
import io.mailharness.gatling.netty.Pop3Target;
import io.mailharness.gatling.netty.SmtpTarget;
import io.mailharness.message.LoadMessageBuilder;
import io.mailharness.settings.Account;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettings;
import scala.Function1;
import scala.runtime.BoxedUnit;

import java.util.List;

/**
 * What the actions of one scenario share for one protocol: the protocol, Gatling's core components, the
 * run, and the protocol resolved against the target the run opened (its settings, the maildrop pool, the
 * SMTP AUTH account, MAIL FROM) and its message builder. A user that exits closes its connections here.
 * With the Netty engine it also holds what that client shares: its configuration, the SMTP and POP3 targets (their
 * addresses resolved here, never on an event loop) and the messages with shared bodies.
 */
public final class MailComponents implements ProtocolComponents {
    private final MailProtocol protocol;
    private final CoreComponents core;
    private final MailRun run;
    private final TargetSettings target;
    private final AccountPool maildrops;
    private final Account smtpAccount;
    private final String reversePath;
    private final LoadMessageBuilder messages;
    private final MailEngine engine;
    private final MailClientConfig clientConfig;
    private final SmtpTarget smtpTarget;
    private final Pop3Target pop3Target;
    private final SharedBodyMessages sharedMessages;

    MailComponents(MailProtocol protocol, CoreComponents core, MailRun run) {
        this.protocol = protocol;
        this.core = core;
        this.run = run;
        this.target = run.target(protocol.target());
        run.describe(protocol, !protocol.deliveryTracking() || target.pop3().isEmpty());
        List<Account> load = target.loadAccounts();
        if (load.isEmpty()) throw new SettingsException(target.name() + ".accounts", "a load run needs at least one account");
        List<Account> mine = protocol.maildrops() != null ? protocol.maildrops() : protocol.injector().accountShare(load);
        this.maildrops = run.maildropPool(mine);
        this.smtpAccount = protocol.smtpAccount() != null ? protocol.smtpAccount() : load.get(0);
        this.reversePath = protocol.reversePath() != null ? protocol.reversePath() : load.get(0).address();
        this.messages = new LoadMessageBuilder(protocol.seed(), protocol.mix());
        this.engine = MailEngine.fromProperty();
        ReplyGathering gathering = ReplyGathering.forEngine(engine);
        if (engine == MailEngine.NETTY) {
            this.clientConfig = new MailClientConfig(target.tls(), target.timeouts().connect(), target.timeouts().read(),
                    replyLimits(target.limits()), run.connections(), gathering);
            this.smtpTarget = target.smtp().map(s -> SmtpTarget.of(s.endpoint(), s.security(), s.auth(), smtpAccount, protocol.clientDomain())).orElse(null);
            this.pop3Target = target.pop3().map(p -> Pop3Target.of(p.endpoint(), p.security())).orElse(null);
            this.sharedMessages = new SharedBodyMessages(protocol.seed(), protocol.mix());
        } else {
            this.clientConfig = null;
            this.smtpTarget = null;
            this.pop3Target = null;
            this.sharedMessages = null;
        }
    }

    /** The target's reply bounds as the Netty client takes them (reply text kept per reply: its default). */
    private static ReplyLimits replyLimits(io.mailharness.settings.ReplyLimits limits) {
        return new ReplyLimits(limits.lineOctets(), limits.lines(), ReplyLimits.defaults().keptTextOctets(),
                (int) Math.min(Integer.MAX_VALUE, limits.replyOctets()), limits.replyOctets());
    }

    public MailEngine engine() {
        return engine;
    }

    /** The Netty client's configuration; null with the blocking engine. */
    public MailClientConfig clientConfig() {
        return clientConfig;
    }

    /** The SMTP service for the Netty client; null with the blocking engine. */
    public SmtpTarget smtpTarget() {
        if (smtpTarget == null && engine == MailEngine.NETTY) target.requireSmtp();
        return smtpTarget;
    }

    /** The POP3 service for the Netty client; null with the blocking engine. */
    public Pop3Target pop3Target() {
        if (pop3Target == null && engine == MailEngine.NETTY) target.requirePop3();
        return pop3Target;
    }

    /** The load messages for the Netty client (shared bodies); null with the blocking engine. */
    public SharedBodyMessages sharedMessages() {
        return sharedMessages;
    }

    public MailProtocol protocol() {
        return protocol;
    }

    public CoreComponents core() {
        return core;
    }

    public MailRun run() {
        return run;
    }

    /** The target as the run opened it (the embedded server's real ports and accounts), with the protocol's adjustments. */
    public TargetSettings target() {
        return target;
    }

    public AccountPool maildrops() {
        return maildrops;
    }

    public Account smtpAccount() {
        return smtpAccount;
    }

    public String reversePath() {
        return reversePath;
    }

    public LoadMessageBuilder messages() {
        return messages;
    }

    /** Nothing is retrieved: delivery tracking is off, or the target has no POP3 service. */
    public boolean sendOnly() {
        return !protocol.deliveryTracking() || target.pop3().isEmpty();
    }

    @Override
    public Function1<Session, Session> onStart() {
        return session -> session;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
        return session -> {
            if (session.eventLoop().inEventLoop()) HeldRequests.handOverHere(); // its requests before Gatling hears of its end
            run.connections().closeUser(session.userId());
            return BoxedUnit.UNIT;
        };
    }
}
