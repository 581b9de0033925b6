package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * POP3 readers: {@code mailharness.users} readers (default: one per maildrop of this injector) each loop
 * login, STAT, UIDL, RETR, DELE, QUIT for {@code mailharness.duration} seconds (default 30), one maildrop
 * at a time. So there is something to read, one sender first fills the maildrops with
 * {@code mailharness.prefill} messages (default 100, 0 for none) over one SMTP connection. Send-only (no
 * POP3 service, or {@code mailharness.deliveryTracking=false}): the prefill alone, nothing is read.
 */
public class Pop3Drain extends Simulation {
    {
        SimulationParameters params = new SimulationParameters();
        MailProtocolBuilder base = mail();
        TargetSettings planned = base.build().target().planned();
        boolean tracking = params.deliveryTracking(planned);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int prefill = params.integer(SimulationParameters.PREFILL, 100, 0, 10_000_000);
        MailProtocolBuilder mail = params.recordedIn(base.messageMix(params.mix()).messagesPerConnection(Math.max(1, prefill)).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false)).deliveryTracking(tracking));

        ScenarioBuilder fill = scenario("prefill")
                .repeat(prefill).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        if (tracking) {
            readers(params, planned, mail, fill, duration, grace, prefill);
        } else {
            System.out.println("Pop3Drain: send-only (" + (planned.pop3().isEmpty() ? "the target has no POP3 service" : "delivery tracking is off")
                    + "): the prefill is sent and nothing is read");
            setUp(fill.injectOpen(atOnceUsers(1))).protocols(mail)
                    .maxDuration(SimulationParameters.maxDuration(duration, grace))
                    .assertions(global().failedRequests().percent().lt(1.0));
        }
    }

    private void readers(SimulationParameters params, TargetSettings planned, MailProtocolBuilder configured, ScenarioBuilder fill,
                         Duration duration, Duration grace, int prefill) {
        int users = params.users(SimulationParameters.USERS, params.allMaildrops(planned));
        int interval = params.integer(SimulationParameters.READ_INTERVAL, 500, 0, 3_600_000);
        MailProtocolBuilder mail = params.recordedIn(configured);
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
