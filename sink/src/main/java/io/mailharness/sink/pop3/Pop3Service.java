package io.mailharness.sink.pop3;

import io.mailharness.sink.SinkCounters;
import io.mailharness.sink.SinkLimits;
import io.mailharness.sink.store.Maildrops;

/** What all POP3 sessions of one sink share: the kept messages, the limits and the counters. */
public record Pop3Service(Maildrops maildrops, SinkLimits limits, SinkCounters counters) {}
