package io.mailharness.gatling.netty;

import io.mailharness.message.MessageStamp;

import java.util.Optional;

/**
 * A message as RETR delivered it: its octets counted (byte-stuffing removed, lines ended by CRLF, the terminating
 * "." line not counted) and, for a harness message, what its stamp says and whether the octets after the stamp
 * line still have the stamp's digest. TOP gives the octets only. A RETR cut off part way gives what its stamp said,
 * if it had arrived.
 *
 * @param damagedContent the octets as retrieved when the digest differs or the stamp carries none (for the comparison with the message as
 *                       sent), else null: an intact message is never held whole
 */
public record RetrievedMessage(long octets, Optional<MessageStamp.Inspection> stamp, byte[] damagedContent) {}
