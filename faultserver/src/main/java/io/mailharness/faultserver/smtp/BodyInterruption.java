package io.mailharness.faultserver.smtp;

/** Drops or stalls the session once at least {@code afterOctets} octets of message data arrived. */
public record BodyInterruption(String name, String description, long afterOctets, BodyAction action)
        implements SmtpBodyFault {

    @Override
    public BodyAction onBodyOctets(long received) {
        return received >= afterOctets ? action : BodyAction.CONTINUE;
    }
}
