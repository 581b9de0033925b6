package io.mailharness.gatling.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import io.mailharness.gatling.MailRun;
import scala.Function1;

/**
 * The protocol's registry key (a Scala ProtocolKey written in Java); use the one {@link #KEY}. Gatling asks
 * it for components once per run: that is where the run begins — one {@link MailRun} for every scenario
 * and protocol of the run — and it ends when Gatling shuts the run down.
 */
public final class MailProtocolKey implements ProtocolKey<MailProtocol, MailComponents> {
    public static final MailProtocolKey KEY = new MailProtocolKey();

    private MailProtocolKey() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Protocol> protocolClass() {
        return (Class) MailProtocol.class;
    }

    /** A scenario that uses our actions without {@code .protocols(mail())} gets the run's target with defaults. */
    @Override
    public MailProtocol defaultProtocolValue(GatlingConfiguration configuration) {
        return MailProtocolBuilder.forSystemTarget().build();
    }

    @Override
    public Function1<MailProtocol, MailComponents> newComponents(CoreComponents coreComponents) {
        MailRun run = MailRun.start(coreComponents);
        return protocol -> new MailComponents(protocol, coreComponents, run);
    }
}
