package io.mailharness.gatling.action;

/** Session attributes the POP3 actions save by default. */
public final class Pop3Keys {
    /** Message count from STAT (Integer). */
    public static final String COUNT = "pop3Count";
    /** Maildrop size in octets from STAT (Long). */
    public static final String SIZE = "pop3Size";
    /** Unique-ids from UIDL (List of String). */
    public static final String UIDS = "pop3Uids";
    /** Message sizes from LIST (List of Long). */
    public static final String SIZES = "pop3Sizes";
    /** The address of the maildrop the user is logged in to (String). */
    public static final String MAILDROP = "pop3Maildrop";

    private Pop3Keys() {}
}
