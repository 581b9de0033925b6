package io.mailharness.gatling.protocol;

/** How a POP3 user logs in: USER and PASS, or APOP with the greeting's timestamp (RFC 1939 §7). */
public enum Pop3Login { USER_PASS, APOP }
