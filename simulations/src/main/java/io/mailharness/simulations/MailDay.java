package io.mailharness.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.protocol.MailProtocol;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * A mail day in small: senders at {@code mailharness.rate} msgs/s (default 5, open model, a realistic
 * size mix, {@code mailharness.messagesPerConnection} per connection, default 1) and
 * {@code mailharness.users} POP3 readers (default one per maildrop) polling every
 * {@code mailharness.readInterval} ms (default 1000), for {@code mailharness.duration} seconds
 * (default 60); then a drain of at most {@code mailharness.grace} seconds (default 60).
 * SPECmail-style quality of service: 95 % of every SMTP and POP3 operation within 5 s, 95 % of messages
 * delivered within 60 s, errors under 1 %, nothing lost, corrupted or duplicated. Send-only (no POP3
 * service, or {@code mailharness.deliveryTracking=false}): the senders alone, and the SMTP assertions.
 */
public class MailDay extends Simulation {
    static final int OPERATION_LIMIT_MS = 5_000;
    static final Duration DELIVERY_LIMIT = Duration.ofSeconds(60);

    {
        SimulationParameters params = new SimulationParameters();
        MailProtocolBuilder base = mail();
        TargetSettings planned = base.build().target().planned();
        boolean tracking = params.deliveryTracking(planned);
        double rate = params.rate(5);
        Duration duration = params.seconds(SimulationParameters.DURATION, 60);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int perConnection = params.integer(SimulationParameters.MESSAGES_PER_CONNECTION, 1, 1, 100_000);
        MailProtocolBuilder configured = base.messageMix(params.mix()).messagesPerConnection(perConnection).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false)).deliveryTracking(tracking);

        ScenarioBuilder senders = scenario("senders")
                .repeat(perConnection).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        PopulationBuilder sending = senders.injectOpen(constantUsersPerSec(rate / perConnection).during(duration));
        List<PopulationBuilder> populations = new ArrayList<>();
        if (tracking) {
            int readers = params.users(SimulationParameters.USERS, params.allMaildrops(planned));
            int interval = params.integer(SimulationParameters.READ_INTERVAL, 1_000, 0, 3_600_000);
            ScenarioBuilder reading = scenario("readers")
                    .during(duration).on(exec(pop3("POP3").cycle()).pause(Duration.ofMillis(interval)));
            populations.add(sending.andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1))));
            populations.add(reading.injectOpen(atOnceUsers(readers)));
        } else {
            populations.add(sending);
        }
        MailProtocolBuilder mail = params.recordedIn(configured);
        setUp(populations)
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(qualityOfService(mail.build()));
    }

    /** The SPECmail-style QoS assertions for the stages this protocol goes through (SMTP only when send-only). */
    static List<Assertion> qualityOfService(MailProtocol p) {
        List<Assertion> out = new ArrayList<>();
        for (String stage : smtpStages(p)) out.add(details("SMTP " + stage).responseTime().percentile(95).lte(OPERATION_LIMIT_MS));
        out.add(global().failedRequests().percent().lt(1.0));
        if (p.sendOnly()) return out;
        for (String stage : pop3Stages(p)) out.add(details("POP3 " + stage).responseTime().percentile(95).lte(OPERATION_LIMIT_MS));
        out.add(deliveredWithin(DELIVERY_LIMIT, 95));
        out.addAll(ledgerIntact());
        return out;
    }

    static List<String> smtpStages(MailProtocol p) {
        List<String> stages = new ArrayList<>(List.of(SmtpStage.CONNECT.label(), SmtpStage.EHLO.label()));
        p.target().planned().smtp().ifPresent(s -> {
            if (s.security() == SmtpSecurity.STARTTLS) stages.add(SmtpStage.STARTTLS.label());
            if (s.auth().isPresent()) stages.add(SmtpStage.AUTH.label());
        });
        stages.addAll(List.of(SmtpStage.MAIL.label(), SmtpStage.RCPT.label(), SmtpStage.DATA.label(), SmtpStage.END_OF_DATA.label(), SmtpStage.QUIT.label()));
        return stages;
    }

    static List<String> pop3Stages(MailProtocol p) {
        List<String> stages = new ArrayList<>(List.of(Pop3Stage.CONNECT.label()));
        if (p.target().planned().pop3().map(s -> s.security() == Pop3Security.STLS).orElse(false)) stages.add(Pop3Stage.STLS.label());
        if (p.pop3Login() == Pop3Login.APOP) stages.add(Pop3Stage.APOP.label());
        else stages.addAll(List.of(Pop3Stage.USER.label(), Pop3Stage.PASS.label()));
        stages.addAll(List.of(Pop3Stage.STAT.label(), Pop3Stage.UIDL.label(), Pop3Stage.RETR.label(), Pop3Stage.DELE.label(), Pop3Stage.QUIT.label()));
        return stages;
    }
}
