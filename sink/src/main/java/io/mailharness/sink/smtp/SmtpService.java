package io.mailharness.sink.smtp;

import io.mailharness.sink.SinkCounters;
import io.mailharness.sink.SinkLimits;
import io.mailharness.sink.StagePlan;
import io.mailharness.sink.store.Maildrops;

import java.util.concurrent.atomic.AtomicLong;

/** What all SMTP sessions of one sink share: its limits, stage plan, replies, counters and kept messages. */
public final class SmtpService {
    final SinkLimits limits;
    final StagePlan plan;
    final SinkCounters counters;
    /** Where messages are kept, or null when the sink discards them. */
    final Maildrops maildrops;
    final SmtpReplies replies;
    private final AtomicLong queueIds = new AtomicLong();

    public SmtpService(String hostname, SinkLimits limits, StagePlan plan, SinkCounters counters, Maildrops maildrops) {
        this.limits = limits;
        this.plan = plan;
        this.counters = counters;
        this.maildrops = maildrops;
        this.replies = new SmtpReplies(hostname, limits.messageOctets());
    }

    long nextQueueId() {
        return queueIds.incrementAndGet();
    }
}
