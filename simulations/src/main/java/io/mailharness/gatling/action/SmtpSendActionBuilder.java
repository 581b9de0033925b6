package io.mailharness.gatling.action;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.check.ReplyExpectation;
import io.mailharness.gatling.check.SmtpStage;

import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.settings.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code MailDsl.smtp("SMTP").send()}: one message per execution. Recipients default to the next of the
 * protocol's maildrops; the connection policy and expected replies default to the protocol's and the
 * stages'. Immutable.
 */
public final class SmtpSendActionBuilder implements ActionBuilder {
    private final String prefix;
    private final SessionValue<String> from;
    private final SessionValue<List<String>> to;
    private final SessionValue<Integer> recipients;
    private final SessionValue<Integer> messagesPerConnection;
    private final SmtpExpectations expectations;
    private final Boolean pipelining;

    SmtpSendActionBuilder(String prefix, SessionValue<String> from, SessionValue<List<String>> to, SessionValue<Integer> recipients,
                          SessionValue<Integer> messagesPerConnection, SmtpExpectations expectations) {
        this(prefix, from, to, recipients, messagesPerConnection, expectations, null);
    }

    private SmtpSendActionBuilder(String prefix, SessionValue<String> from, SessionValue<List<String>> to, SessionValue<Integer> recipients,
                                  SessionValue<Integer> messagesPerConnection, SmtpExpectations expectations, Boolean pipelining) {
        this.prefix = prefix;
        this.from = from;
        this.to = to;
        this.recipients = recipients;
        this.messagesPerConnection = messagesPerConnection;
        this.expectations = expectations;
        this.pipelining = pipelining;
    }

    public static SmtpSendActionBuilder send(String prefix) {
        return new SmtpSendActionBuilder(prefix, null, null, null, null, SmtpExpectations.defaults(), null);
    }

    /** MAIL FROM as a value or EL string. */
    public SmtpSendActionBuilder from(String reversePath) {
        return new SmtpSendActionBuilder(prefix, SessionValue.el(reversePath), to, recipients, messagesPerConnection, expectations, pipelining);
    }

    public SmtpSendActionBuilder from(Function<Session, String> reversePath) {
        return new SmtpSendActionBuilder(prefix, SessionValue.fn(reversePath), to, recipients, messagesPerConnection, expectations, pipelining);
    }

    /** Explicit forward-paths (EL strings allowed); addresses that are not maildrops of the run are not tracked as delivered. */
    public SmtpSendActionBuilder to(String... forwardPaths) {
        List<SessionValue<String>> values = java.util.Arrays.stream(forwardPaths).map(SessionValue::el).toList();
        return new SmtpSendActionBuilder(prefix, from, SessionValue.fn(s -> values.stream().map(v -> v.resolve(s.asScala())).toList()),
                recipients, messagesPerConnection, expectations, pipelining);
    }

    public SmtpSendActionBuilder to(Function<Session, List<String>> forwardPaths) {
        return new SmtpSendActionBuilder(prefix, from, SessionValue.fn(forwardPaths), recipients, messagesPerConnection, expectations, pipelining);
    }

    /** N distinct recipients from the protocol's maildrops, round-robin. */
    public SmtpSendActionBuilder recipients(int n) {
        return new SmtpSendActionBuilder(prefix, from, to, SessionValue.of(n), messagesPerConnection, expectations, pipelining);
    }

    public SmtpSendActionBuilder recipients(String el) {
        return new SmtpSendActionBuilder(prefix, from, to, SessionValue.intEl(el), messagesPerConnection, expectations, pipelining);
    }

    public SmtpSendActionBuilder recipients(Function<Session, Integer> n) {
        return new SmtpSendActionBuilder(prefix, from, to, SessionValue.fn(n), messagesPerConnection, expectations, pipelining);
    }

    /** Transactions on one connection before QUIT (default: the protocol's). */
    public SmtpSendActionBuilder messagesPerConnection(int n) {
        return new SmtpSendActionBuilder(prefix, from, to, recipients, SessionValue.of(n), expectations, pipelining);
    }

    public SmtpSendActionBuilder messagesPerConnection(String el) {
        return new SmtpSendActionBuilder(prefix, from, to, recipients, SessionValue.intEl(el), expectations, pipelining);
    }

    /** The reply code a stage must get, e.g. {@code expect(SmtpStage.RCPT, 550)} in a negative test. */
    public SmtpSendActionBuilder expect(SmtpStage stage, int code) {
        return new SmtpSendActionBuilder(prefix, from, to, recipients, messagesPerConnection, expectations.with(stage, ReplyExpectation.code(code)), pipelining);
    }

    /** The reply class (2..5) a stage must get. */
    public SmtpSendActionBuilder expectClass(SmtpStage stage, int replyClass) {
        return new SmtpSendActionBuilder(prefix, from, to, recipients, messagesPerConnection, expectations.with(stage, ReplyExpectation.replyClass(replyClass)), pipelining);
    }

    /**
     * RFC 2920 pipelining for this action, instead of the protocol's setting: MAIL, the RCPTs and DATA in one
     * write where the server's EHLO reply lists PIPELINING (elsewhere one at a time, said once in the log).
     */
    public SmtpSendActionBuilder pipelining(boolean on) {
        return new SmtpSendActionBuilder(prefix, from, to, recipients, messagesPerConnection, expectations, on);
    }

    /** The forward-paths of one transaction: the explicit ones, or the next N of the protocol's maildrops. */
    List<String> forwardPaths(io.gatling.core.session.Session session, MailComponents components) {
        if (to != null) {
            List<String> explicit = new ArrayList<>(to.resolve(session));
            if (explicit.isEmpty()) throw new IllegalArgumentException("no recipient given");
            return explicit;
        }
        int n = recipients == null ? 1 : recipients.resolve(session);
        List<Account> next = components.maildrops().nextRecipients(Math.max(1, n));
        List<String> addresses = new ArrayList<>(next.size()); // no stream: once per message
        for (Account a : next) addresses.add(a.address());
        return addresses;
    }

    String reversePath(io.gatling.core.session.Session session, MailComponents components) {
        return from == null ? components.reversePath() : from.resolve(session);
    }

    int messagesPerConnection(io.gatling.core.session.Session session, MailComponents components) {
        return messagesPerConnection == null ? components.protocol().messagesPerConnection() : messagesPerConnection.resolve(session);
    }

    boolean pipelining(MailComponents components) {
        return pipelining == null ? components.protocol().pipelining() : pipelining;
    }

    String prefix() { return prefix; }
    Boolean pipelining() { return pipelining; }
    SessionValue<String> from() { return from; }
    SessionValue<List<String>> to() { return to; }
    SessionValue<Integer> recipients() { return recipients; }
    SessionValue<Integer> messagesPerConnection() { return messagesPerConnection; }
    SmtpExpectations expectations() { return expectations; }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> MailAction.engine(ctx) == MailEngine.NETTY ? new SmtpChannelSendAction(this, ctx, next) : new SmtpSendAction(this, ctx, next);
    }
}
