package io.mailharness.gatling.check;

/** The POP3 commands timed as their own Gatling requests (each expects +OK). */
public enum Pop3Stage {
    CONNECT("connect+greeting"), STLS("STLS"), USER("USER"), PASS("PASS"), APOP("APOP"),
    STAT("STAT"), LIST("LIST"), UIDL("UIDL"), RETR("RETR"), TOP("TOP"), DELE("DELE"), RSET("RSET"), QUIT("QUIT");

    private final String label;

    Pop3Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
