package io.mailharness.settings;

/** Where and how to reach the target's POP3 service. */
public record Pop3Settings(Endpoint endpoint, Pop3Security security) {}
