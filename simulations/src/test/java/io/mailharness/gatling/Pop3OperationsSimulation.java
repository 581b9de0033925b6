package io.mailharness.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.action.Pop3Keys;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.settings.SmtpAuthMechanism;
import io.mailharness.settings.TargetSettings;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/** One user through the single SMTP and POP3 actions: AUTH, explicit recipients, then every POP3 command. */
public class Pop3OperationsSimulation extends Simulation {
    public static volatile TargetSettings target;
    public static volatile SmtpAuthMechanism auth = SmtpAuthMechanism.PLAIN;
    public static volatile Pop3Login login = Pop3Login.USER_PASS;
    /** Session values seen after the POP3 commands. */
    public static final Map<String, Object> seen = new ConcurrentHashMap<>();

    {
        seen.clear();
        String rcpt = target.accounts().get(1).address();
        ScenarioBuilder user = scenario("operations")
                .exec(session -> session.set("rcpt", rcpt))
                .repeat(3).on(exec(smtp("SMTP").send().to("#{rcpt}").messagesPerConnection(3)))
                .exec(smtp("SMTP").quit())
                .exec(pop3("POP3").login())
                .exec(pop3("POP3").stat())
                .exec(pop3("POP3").list())
                .exec(pop3("POP3").uidl().saveAs("uids"))
                .exec(pop3("POP3").top(1, 0))
                .exec(pop3("POP3").retr("#{pop3Count}"))
                .exec(pop3("POP3").rset())
                .exec(pop3("POP3").retrieveNew())
                .exec(pop3("POP3").deleRetrieved())
                .exec(session -> {
                    seen.put("count", session.getInt(Pop3Keys.COUNT));
                    seen.put("sizes", session.getList(Pop3Keys.SIZES));
                    seen.put("uids", session.getList("uids"));
                    seen.put("maildrop", session.getString(Pop3Keys.MAILDROP));
                    seen.put("failed", session.isFailed());
                    return session;
                })
                .exec(pop3("POP3").quit())
                .exec(pop3("POP3").stat()); // after QUIT: no session, nothing to do
        setUp(user.injectOpen(atOnceUsers(1)))
                .protocols(mail(target).smtpAuth(auth).pop3Login(login).maildrops(List.of(target.accounts().get(1))).messageSize(3000));
    }
}
