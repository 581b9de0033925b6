package io.mailharness.simulations;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * Closed model: {@code mailharness.users} concurrent SMTP sessions (default 10), each sending
 * {@code mailharness.messagesPerConnection} messages (default 10) per connection, back to back, for
 * {@code mailharness.duration} seconds (default 30); then drain and ledger check. A user whose connection
 * attempt failed waits out the target's reconnection back-off before the next. Send-only (no POP3 service,
 * or {@code mailharness.deliveryTracking=false}): no drain and no ledger assertions.
 */
public class SmtpSessions extends Simulation {
    {
        SimulationParameters params = new SimulationParameters();
        MailProtocolBuilder base = mail();
        boolean tracking = params.deliveryTracking(base.build().target().planned());
        int users = params.users(SimulationParameters.USERS, 10);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int perConnection = params.integer(SimulationParameters.MESSAGES_PER_CONNECTION, 10, 1, 100_000);
        MailProtocolBuilder mail = params.recordedIn(base.messageMix(params.mix()).messagesPerConnection(perConnection).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false)).deliveryTracking(tracking));

        ScenarioBuilder senders = scenario("sessions")
                .during(duration).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        PopulationBuilder population = senders.injectOpen(atOnceUsers(users));
        if (tracking) population = population.andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1)));

        setUp(population)
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(tracking ? withLedgerIntact(global().failedRequests().percent().lt(1.0))
                        : List.of(global().failedRequests().percent().lt(1.0)));
    }
}
