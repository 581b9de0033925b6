package io.mailharness.result;

/** The RFC keyword behind a check (RFC 2119); INFO when the RFCs mandate nothing and behaviour is only recorded. */
public enum Level {
    MUST, SHOULD, MAY, INFO
}
