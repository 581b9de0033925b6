package io.mailharness.gatling.check;

/** The SMTP stages timed as their own Gatling requests, with the reply each expects by default. */
public enum SmtpStage {
    CONNECT("connect+greeting", ReplyExpectation.code(220)),
    EHLO("EHLO", ReplyExpectation.positiveCompletion()),
    STARTTLS("STARTTLS", ReplyExpectation.code(220)),
    AUTH("AUTH", ReplyExpectation.positiveCompletion()),
    MAIL("MAIL", ReplyExpectation.positiveCompletion()),
    RCPT("RCPT", ReplyExpectation.positiveCompletion()),
    DATA("DATA", ReplyExpectation.code(354)),
    END_OF_DATA("end-of-data", ReplyExpectation.positiveCompletion()),
    RSET("RSET", ReplyExpectation.positiveCompletion()),
    NOOP("NOOP", ReplyExpectation.positiveCompletion()),
    QUIT("QUIT", ReplyExpectation.positiveCompletion());

    private final String label;
    private final ReplyExpectation expected;

    SmtpStage(String label, ReplyExpectation expected) {
        this.label = label;
        this.expected = expected;
    }

    /** The stage's part of the request name, e.g. "end-of-data" in "SMTP end-of-data". */
    public String label() {
        return label;
    }

    public ReplyExpectation defaultExpectation() {
        return expected;
    }
}
