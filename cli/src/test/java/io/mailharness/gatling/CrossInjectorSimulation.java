package io.mailharness.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.mailharness.settings.TargetSettings;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * One half of a two-injector run whose halves do different work: as the sender it sends {@code messages}
 * to its share of the maildrops and does not read them; as the reader it reads every maildrop of the
 * target (not only its share), so it retrieves what the other injector sent.
 */
public class CrossInjectorSimulation extends MailSimulation {
    public static volatile TargetSettings target;
    public static volatile boolean sender;
    public static volatile int messages = 4;

    {
        var mail = mail(target).messageSize(2048);
        ScenarioBuilder work = sender
                ? scenario("sender").repeat(messages).on(exec(smtp("SMTP").send())).exec(smtp("SMTP").quit())
                : scenario("reader").repeat(target.accounts().size()).on(exec(pop3("POP3").cycle()));
        setUp(work.injectOpen(atOnceUsers(1)))
                .protocols(sender ? mail : mail.maildrops(target.accounts()))
                .maxDuration(java.time.Duration.ofSeconds(60));
    }
}
