package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Fault;

/** Hook: replaces the command registered for one verb with a faulty variant (same states). */
public interface Pop3CommandFault extends Fault {

    /** Upper-case verb, e.g. {@code RETR}. */
    String verb();

    Pop3Command replace(Pop3Command original);
}
