package io.mailharness.protocol;

/** Which octets end a line for an {@link OctetLineReader}: the explicit wire rule of each reader. */
public enum LineEndPolicy {
    /**
     * Only CR LF ends a line (RFC 5321 §2.3.8, RFC 1939 §3): a bare CR or LF stays in the content and is flagged.
     * What a server applies to client input.
     */
    CRLF_ONLY,
    /**
     * LF ends a line, with or without a CR before it, and the line says which: what a probe applies to server
     * output, so that a bare LF is seen and judged rather than waited past.
     */
    LF
}
