package io.mailharness.gatling;

import io.gatling.javaapi.core.Simulation;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * A plain Gatling simulation using the mail DSL with no base class: a sender and the drain after it, and
 * a user whose server never answers MAIL, cut off by the run's maximum duration.
 */
public class PlainSimulation extends Simulation {
    public static volatile TargetSettings target;
    public static volatile TargetSettings silentAtMail;
    public static volatile Duration maxDuration = Duration.ofSeconds(8);

    {
        var mail = mail(target).messageSize(2048).drainGrace(Duration.ofSeconds(5));
        var stuck = mail(silentAtMail).messageSize(1024);
        setUp(scenario("send").repeat(3).on(exec(smtp("SMTP").send())).exec(smtp("SMTP").quit()).injectOpen(atOnceUsers(1))
                        .andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1)).protocols(mail))
                        .protocols(mail),
                scenario("stuck").exec(smtp("stuck").send()).injectOpen(atOnceUsers(1)).protocols(stuck))
                .maxDuration(maxDuration);
    }
}
