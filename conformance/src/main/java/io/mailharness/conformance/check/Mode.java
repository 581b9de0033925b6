package io.mailharness.conformance.check;

/** What running a check does to the target, as a tag that selects or excludes checks. */
public enum Mode {
    /** No delivery, no deletion; the session ends with RSET/QUIT. */
    READ_ONLY("read-only"),
    /** Delivers to or deletes from a maildrop: only on accounts the settings mark disposable; cleans up. */
    MUTATES_MAILBOX("mutates-mailbox"),
    /** May trip anti-abuse limits (bad commands, odd line ends): own connection, at most two errors on it. */
    ANTI_ABUSE("anti-abuse"),
    /** Needs TLS on the target. */
    NEEDS_TLS("needs-tls"),
    /** Needs a server-profile setting the defaults do not give. */
    NEEDS_SETTING("needs-setting");

    private final String tag;

    Mode(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
