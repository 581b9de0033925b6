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
 * Open model: messages arrive at a constant rate ({@code mailharness.rate}, msgs/s, default 10) for
 * {@code mailharness.duration} seconds (default 30), each on its own connection (or
 * {@code mailharness.messagesPerConnection} per user, default 1); then the maildrops are drained and the
 * ledger checked. Asserts errors < 1 % and nothing lost, corrupted or duplicated. Send-only (no POP3
 * service, or {@code mailharness.deliveryTracking=false}): no drain and no ledger assertions.
 */
public class SmtpConstantRate extends Simulation {
    {
        SimulationParameters params = new SimulationParameters();
        MailProtocolBuilder base = mail();
        boolean tracking = params.deliveryTracking(base.build().target().planned());
        double rate = params.rate(10);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int perConnection = params.integer(SimulationParameters.MESSAGES_PER_CONNECTION, 1, 1, 100_000);
        MailProtocolBuilder mail = params.recordedIn(base.messageMix(params.mix()).messagesPerConnection(perConnection).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false)).deliveryTracking(tracking));

        ScenarioBuilder senders = scenario("senders")
                .repeat(perConnection).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        PopulationBuilder population = senders.injectOpen(constantUsersPerSec(rate / perConnection).during(duration));
        if (tracking) population = population.andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1)));

        setUp(population)
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(tracking ? withLedgerIntact(global().failedRequests().percent().lt(1.0))
                        : List.of(global().failedRequests().percent().lt(1.0)));
    }
}
