package io.mailharness.gatling.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.message.LoadMessageBuilder;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * What the actions of one run share for one protocol: the protocol, Gatling's core components, the run,
 * the maildrop pool and the message builder. A user that exits closes its connections here.
 */
public final class MailComponents implements ProtocolComponents {
    private final MailProtocol protocol;
    private final CoreComponents core;
    private final MailRun run;
    private final AccountPool maildrops;
    private final LoadMessageBuilder messages;

    MailComponents(MailProtocol protocol, CoreComponents core, MailRun run) {
        this.protocol = protocol;
        this.core = core;
        this.run = run;
        this.maildrops = run.maildropPool(protocol.maildrops());
        this.messages = new LoadMessageBuilder(protocol.seed(), protocol.mix());
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

    public AccountPool maildrops() {
        return maildrops;
    }

    public LoadMessageBuilder messages() {
        return messages;
    }

    @Override
    public Function1<Session, Session> onStart() {
        return session -> session;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
        return session -> {
            run.connections().closeUser(session.userId());
            return BoxedUnit.UNIT;
        };
    }
}
