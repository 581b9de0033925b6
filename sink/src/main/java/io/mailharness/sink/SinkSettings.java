package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

/**
 * Everything {@link SmtpSink#start(SinkSettings)} needs. Start from {@link #defaults()} and change what differs.
 *
 * @param host             the address to listen on (default 127.0.0.1)
 * @param smtpPort         the SMTP port; 0 takes a free one (see {@link SmtpSink#smtpAddress()})
 * @param pop3Port         the POP3 port when messages are kept; 0 takes a free one
 * @param hostname         the domain the sink names itself with in its greeting and EHLO reply
 * @param keepMessages     false: accept and discard; true: keep each message in its recipients' maildrops for POP3
 * @param limits           bounds on what clients can make the sink hold
 * @param plan             delays, fault replies and disconnects per stage
 * @param ioThreads        event-loop threads; 0 for one per available processor
 * @param backlog          the listen backlog asked of the kernel (which caps it at net.core.somaxconn)
 * @param nativeTransport  use Linux epoll when it is available (NIO otherwise)
 * @param recordSessions   keep every SMTP session's octets, both ways, exactly as they crossed the wire (see
 *                         {@link SmtpSink#recordedSessions()}): for a few sessions under test, not for load
 */
public record SinkSettings(String host, int smtpPort, int pop3Port, String hostname, boolean keepMessages, SinkLimits limits,
                           StagePlan plan, int ioThreads, int backlog, boolean nativeTransport,
                           boolean recordSessions) {

    public SinkSettings {
        port("smtp-port", smtpPort);
        port("pop3-port", pop3Port);
        if (host.isBlank()) throw new SettingsException("host", "is empty");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new SettingsException("hostname", "'" + hostname + "' is not a domain name");
        }
        if (ioThreads < 0) throw new SettingsException("io-threads", "cannot be negative");
        if (backlog < 1) throw new SettingsException("backlog", "must be at least 1");
    }

    /** 127.0.0.1, free ports, discarding, default limits, no faults, epoll when available, nothing recorded. */
    public static SinkSettings defaults() {
        return new SinkSettings("127.0.0.1", 0, 0, "localhost", false, SinkLimits.defaults(), StagePlan.NONE, 0, 65_535, true, false);
    }

    private static void port(String key, int port) {
        if (port < 0 || port > 65_535) throw new SettingsException(key, port + " is not a port (0 for a free one, up to 65535)");
    }

    public SinkSettings withHost(String v) {
        return new SinkSettings(v, smtpPort, pop3Port, hostname, keepMessages, limits, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withSmtpPort(int v) {
        return new SinkSettings(host, v, pop3Port, hostname, keepMessages, limits, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withPop3Port(int v) {
        return new SinkSettings(host, smtpPort, v, hostname, keepMessages, limits, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withHostname(String v) {
        return new SinkSettings(host, smtpPort, pop3Port, v, keepMessages, limits, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withKeepMessages(boolean v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, v, limits, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withLimits(SinkLimits v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, v, plan, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withPlan(StagePlan v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, limits, v, ioThreads, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withIoThreads(int v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, limits, plan, v, backlog, nativeTransport, recordSessions);
    }

    public SinkSettings withBacklog(int v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, limits, plan, ioThreads, v, nativeTransport, recordSessions);
    }

    public SinkSettings withRecordSessions(boolean v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, limits, plan, ioThreads, backlog, nativeTransport, v);
    }

    public SinkSettings withNativeTransport(boolean v) {
        return new SinkSettings(host, smtpPort, pop3Port, hostname, keepMessages, limits, plan, ioThreads, backlog, v, recordSessions);
    }
}
