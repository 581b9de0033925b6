package io.mailharness.sink;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Pop3Session;
import io.mailharness.client.SmtpSession;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Starting sinks on loopback and opening core's client sessions to them. */
final class Sinks {
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private Sinks() {}

    static SmtpSink start(SinkSettings settings) {
        try {
            return SmtpSink.start(settings.withIoThreads(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SmtpSink discarding() {
        return start(SinkSettings.defaults());
    }

    static SmtpSink keeping() {
        return start(SinkSettings.defaults().withKeepMessages(true));
    }

    static SmtpSink withPlan(List<StageDelay> delays, List<StageReply> replies, List<StageDisconnect> disconnects) {
        return start(SinkSettings.defaults().withPlan(StagePlan.of(delays, replies, disconnects)));
    }

    static SmtpSession smtp(SmtpSink sink) throws MailProtocolException {
        Endpoint endpoint = new Endpoint("127.0.0.1", sink.smtpAddress().getPort());
        return SmtpSession.connect(new SmtpSettings(endpoint, SmtpSecurity.PLAIN, Optional.empty()), TlsSettings.verifying(), TIMEOUTS, null);
    }

    static Pop3Session pop3(SmtpSink sink) throws MailProtocolException {
        Endpoint endpoint = new Endpoint("127.0.0.1", sink.pop3Address().orElseThrow().getPort());
        return Pop3Session.connect(new Pop3Settings(endpoint, Pop3Security.PLAIN), TlsSettings.verifying(), TIMEOUTS, null);
    }

    static RawSession raw(SmtpSink sink) {
        return new RawSession(sink.smtpAddress().getPort());
    }

    static RawSession rawPop3(SmtpSink sink) {
        return new RawSession(sink.pop3Address().orElseThrow().getPort());
    }
}
