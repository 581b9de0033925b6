package io.mailharness.faultserver.smtp;

/** A parse failure that already knows its reply (501, 553, 555...). */
final class ReplyException extends Exception {

    private final SmtpReply reply;

    ReplyException(int code, String text) {
        super(text, null, false, false);
        this.reply = SmtpReply.of(code, text);
    }

    SmtpReply reply() {
        return reply;
    }
}
