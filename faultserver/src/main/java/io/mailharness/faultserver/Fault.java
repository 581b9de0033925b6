package io.mailharness.faultserver;

/**
 * One deliberate deviation from the RFCs, small enough to break exactly one rule.
 * A fault does nothing by itself: it also implements one hook interface
 * ({@code SmtpReplyFault}, {@code SmtpCommandFault}, {@code SmtpBodyFault},
 * {@code Pop3ReplyFault}, {@code Pop3CommandFault}, {@code DeliveryFault}) and the
 * server asks for faults of that hook type at the matching point.
 */
public interface Fault {

    /** Stable identifier, upper snake case, prefixed by protocol (e.g. {@code SMTP_GREETING_NOT_220}). */
    String name();

    /** One line: the rule this fault breaks, with its RFC reference. */
    String description();
}
