package io.mailharness.gatling.netty;

import io.mailharness.message.MessageStamp;

import java.util.Optional;

/**
 * A message as RETR delivered it, never held whole: its octets (byte-stuffing removed, lines ended by CRLF, the
 * terminating "." line not counted) and, for a harness message, what its stamp says and whether the octets after
 * the stamp line still have the stamp's digest. TOP gives the octets only.
 */
public record RetrievedMessage(long octets, Optional<MessageStamp.Inspection> stamp) {}
