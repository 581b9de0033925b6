package io.mailharness.gatling.action;

import io.mailharness.client.SmtpReply;
import io.mailharness.client.SmtpSession;
import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.action.MailAction.StageFailed;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.SmtpConnection;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.protocol.MailProtocol;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;

/**
 * The SMTP stages shared by the SMTP actions, each timed as request {@code "<prefix> <stage>"}:
 * opening a session (connect+greeting, EHLO, STARTTLS and EHLO again, AUTH), RSET and QUIT.
 */
final class SmtpExchange {
    private final MailComponents components;
    private final SmtpExpectations expectations;
    private final StageRequests<SmtpStage> requests;

    SmtpExchange(String prefix, MailComponents components, SmtpExpectations expectations) {
        this.requests = new StageRequests<>(prefix, SmtpStage.class, SmtpStage::label);
        this.components = components;
        this.expectations = expectations;
    }

    String request(SmtpStage stage) {
        return requests.of(stage);
    }

    boolean report() {
        return components.protocol().stageRequests();
    }

    /** Runs one command stage and judges its reply against the stage's expectation. */
    SmtpReply stage(Exchange x, SmtpStage stage, MailAction.Call<SmtpReply> call) throws StageFailed {
        return x.stage(request(stage), report(), call, reply -> expectations.of(stage).judge(reply));
    }

    boolean ok(SmtpStage stage, SmtpReply reply) {
        return expectations.of(stage).matches(reply);
    }

    /**
     * The user's open connection, or a new one through the handshake; null when the handshake failed (KO
     * logged). An attempt that did not end in a usable session (refused, timed out, greeting, EHLO,
     * STARTTLS or AUTH not accepted) makes the user's next attempt wait out the reconnection back-off.
     */
    SmtpConnection connection(Exchange x) throws StageFailed {
        long user = x.session().userId();
        SmtpConnection c = components.run().connections().smtp(user);
        if (c != null && c.isOpen()) return c;
        if (c != null) components.run().connections().closeSmtp(user);
        MailProtocol p = components.protocol();
        SmtpSettings smtp = components.target().requireSmtp();
        ConnectAttempts.awaitTurn(components, user);
        SmtpSession session;
        try {
            session = x.stage(request(SmtpStage.CONNECT), report(),
                    () -> SmtpSession.connect(components.target(), null, components.run().connections()),
                    s -> expectations.of(SmtpStage.CONNECT).judge(s.greeting()));
        } catch (StageFailed e) {
            ConnectAttempts.failed(components, user);
            throw e;
        }
        c = new SmtpConnection(session);
        components.run().connections().put(user, c);
        try {
            if (!ok(SmtpStage.CONNECT, session.greeting())) return abandon(x, session);
            if (!ok(SmtpStage.EHLO, stage(x, SmtpStage.EHLO, () -> session.ehlo(p.clientDomain())))) return abandon(x, session);
            if (smtp.security() == SmtpSecurity.STARTTLS) {
                if (!ok(SmtpStage.STARTTLS, stage(x, SmtpStage.STARTTLS, session::startTls))) return abandon(x, session);
                if (!ok(SmtpStage.EHLO, stage(x, SmtpStage.EHLO, () -> session.ehlo(p.clientDomain())))) return abandon(x, session);
            }
            if (smtp.auth().isPresent()) {
                if (!ok(SmtpStage.AUTH, stage(x, SmtpStage.AUTH, () -> session.auth(smtp.auth().get(), components.smtpAccount())))) return abandon(x, session);
            }
            ConnectAttempts.succeeded(components, user);
            return c;
        } catch (StageFailed | RuntimeException e) {
            ConnectAttempts.failed(components, user);
            components.run().connections().closeSmtp(user);
            throw e;
        }
    }

    /** The handshake was refused: a failed connection attempt, for the back-off. */
    private SmtpConnection abandon(Exchange x, SmtpSession session) {
        ConnectAttempts.failed(components, x.session().userId());
        quitQuietly(session);
        components.run().connections().closeSmtp(x.session().userId());
        return null;
    }

    /** RSET after a refused transaction; a connection that cannot even do that is closed. */
    void rset(Exchange x, SmtpConnection c) {
        try {
            SmtpReply reply = stage(x, SmtpStage.RSET, () -> c.session().rset());
            if (reply.code() == 421 || !ok(SmtpStage.RSET, reply)) components.run().connections().closeSmtp(x.session().userId());
        } catch (StageFailed e) {
            components.run().connections().closeSmtp(x.session().userId());
        }
    }

    /** NOOP, timed; a connection that does not answer, or answers 421, is closed. */
    void noop(Exchange x, SmtpConnection c) {
        try {
            SmtpReply reply = stage(x, SmtpStage.NOOP, () -> c.session().noop());
            if (reply.code() == 421) components.run().connections().closeSmtp(x.session().userId());
        } catch (StageFailed e) {
            components.run().connections().closeSmtp(x.session().userId());
        }
    }

    /** QUIT, timed, then the connection is closed whatever the reply. */
    void quit(Exchange x, SmtpConnection c) {
        try {
            stage(x, SmtpStage.QUIT, () -> c.session().quit());
        } catch (StageFailed e) {
            // logged as a KO; the connection is closed below either way
        } finally {
            components.run().connections().closeSmtp(x.session().userId());
        }
    }

    private static void quitQuietly(SmtpSession session) {
        try {
            if (session.isConnected()) session.quit();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

}
