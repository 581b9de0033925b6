package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.mailharness.gatling.MailSimulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * POP3 readers: {@code mailharness.users} readers (default: one per maildrop of this injector) each loop
 * login, STAT, UIDL, RETR, DELE, QUIT for {@code mailharness.duration} seconds (default 30), one maildrop
 * at a time. So there is something to read, one sender first fills the maildrops with
 * {@code mailharness.prefill} messages (default 100, 0 for none) over one SMTP connection.
 */
public class Pop3Drain extends MailSimulation {
    {
        SimulationParameters params = new SimulationParameters(run);
        MailProtocolBuilder base = mail();
        int users = params.users(SimulationParameters.USERS, params.allMaildrops(base.build().target()));
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int prefill = params.integer(SimulationParameters.PREFILL, 100, 0, 10_000_000);
        int interval = params.integer(SimulationParameters.READ_INTERVAL, 500, 0, 3_600_000);
        MailProtocolBuilder mail = base.messageMix(params.mix()).messagesPerConnection(Math.max(1, prefill)).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false));

        ScenarioBuilder fill = scenario("prefill")
                .repeat(prefill).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        ScenarioBuilder readers = scenario("readers")
                .during(duration).on(exec(pop3("POP3").cycle()).pause(Duration.ofMillis(interval)));
        ScenarioBuilder drain = scenario("drain").exec(drain("POP3"));

        (prefill > 0
                ? setUp(fill.injectOpen(atOnceUsers(1)).andThen(drain.injectOpen(atOnceUsers(1))), readers.injectOpen(atOnceUsers(users)))
                : setUp(readers.injectOpen(atOnceUsers(users)).andThen(drain.injectOpen(atOnceUsers(1)))))
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(withLedgerIntact(global().failedRequests().percent().lt(1.0)));
    }
}
