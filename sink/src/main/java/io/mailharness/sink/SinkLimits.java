package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

import java.time.Duration;

/**
 * Bounds on everything a client can make the sink hold, so a hostile or broken client cannot exhaust it.
 *
 * @param commandLineOctets   longest SMTP or POP3 command line, line end included (longer lines get an error reply)
 * @param messageOctets       largest message (advertised as SIZE; larger ones are read to their end and refused with 552)
 * @param recipientsPerMessage RCPTs accepted per transaction (more get 452)
 * @param keptMessages        messages held for POP3 at once, over all maildrops (more get 452 at end-of-data)
 * @param keptOctets          octets held for POP3 at once, over all maildrops
 * @param sessions            SMTP and POP3 connections open at once (more get 421 and are closed)
 * @param idleTimeout         a connection that sends nothing this long is closed (SMTP with 421)
 */
public record SinkLimits(int commandLineOctets, int messageOctets, int recipientsPerMessage, int keptMessages, long keptOctets,
                         int sessions, Duration idleTimeout) {

    public SinkLimits {
        atLeast("max-line-length", commandLineOctets, 512); // RFC 5321 §4.5.3.1.4: at least 512 octets per command line
        atLeast("max-message-size", messageOctets, 1);
        if (messageOctets > 1 << 30) throw new SettingsException("max-message-size", messageOctets + " is above the maximum 1 GiB");
        atLeast("max-recipients", recipientsPerMessage, 100); // RFC 5321 §4.5.3.1.8: at least 100 recipients
        atLeast("max-kept-messages", keptMessages, 0);
        atLeast("max-kept-size", keptOctets, 0);
        atLeast("max-sessions", sessions, 1);
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new SettingsException("idle-timeout", "must be positive");
    }

    /** 1000-octet lines, 10 MiB messages, 1000 recipients, 10,000 kept messages in at most 256 MiB, 100,000 sessions, 5 minutes idle. */
    public static SinkLimits defaults() {
        return new SinkLimits(1000, 10 * 1024 * 1024, 1000, 10_000, 256L * 1024 * 1024, 100_000, Duration.ofMinutes(5));
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) throw new SettingsException(key, value + " is below the minimum " + min);
    }

    public SinkLimits withCommandLineOctets(int v) {
        return new SinkLimits(v, messageOctets, recipientsPerMessage, keptMessages, keptOctets, sessions, idleTimeout);
    }

    public SinkLimits withMessageOctets(int v) {
        return new SinkLimits(commandLineOctets, v, recipientsPerMessage, keptMessages, keptOctets, sessions, idleTimeout);
    }

    public SinkLimits withRecipientsPerMessage(int v) {
        return new SinkLimits(commandLineOctets, messageOctets, v, keptMessages, keptOctets, sessions, idleTimeout);
    }

    public SinkLimits withKeptMessages(int v) {
        return new SinkLimits(commandLineOctets, messageOctets, recipientsPerMessage, v, keptOctets, sessions, idleTimeout);
    }

    public SinkLimits withKeptOctets(long v) {
        return new SinkLimits(commandLineOctets, messageOctets, recipientsPerMessage, keptMessages, v, sessions, idleTimeout);
    }

    public SinkLimits withSessions(int v) {
        return new SinkLimits(commandLineOctets, messageOctets, recipientsPerMessage, keptMessages, keptOctets, v, idleTimeout);
    }

    public SinkLimits withIdleTimeout(Duration v) {
        return new SinkLimits(commandLineOctets, messageOctets, recipientsPerMessage, keptMessages, keptOctets, sessions, v);
    }
}
