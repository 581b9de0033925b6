package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.mailharness.settings.SmtpSecurity;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * Opens an SMTP session the way the target asks: connect+greeting, EHLO, then STARTTLS and EHLO again for
 * {@link SmtpSecurity#STARTTLS}, then AUTH when a mechanism is set. Each step is told to the listener as it ends; a
 * step that failed, or a reply the listener did not expect, ends the opening: the session is closed (with QUIT after
 * a refusal) and the future fails with a {@link MailProtocolException} naming the step.
 */
public final class SmtpHandshake extends SessionOpening<SmtpStep, SmtpChannel> {
    private final SmtpChannel smtp;
    private boolean tlsDone;

    private SmtpHandshake(SmtpChannel smtp, StepListener<SmtpStep> steps) {
        super(smtp.loop(), steps);
        this.smtp = smtp;
    }

    /** Connects on {@code loop} (the virtual user's) and opens the session; the future has the open session. */
    public static Future<SmtpChannel> open(MailClientConfig config, EventLoop loop, SmtpTarget target, StepListener<SmtpStep> steps) {
        return open(new SmtpChannel(config, loop, target), steps);
    }

    /** Opens the session of a channel not yet connected (one its owner can already close from elsewhere). */
    public static Future<SmtpChannel> open(SmtpChannel unconnected, StepListener<SmtpStep> steps) {
        SmtpHandshake handshake = new SmtpHandshake(unconnected, steps);
        handshake.then(handshake.smtp.connect());
        return handshake.promise;
    }

    @Override
    void advance(SmtpStep done) {
        SmtpTarget target = smtp.target();
        switch (done.stage()) {
            case CONNECT -> then(smtp.ehlo());
            case EHLO -> {
                if (target.security() == SmtpSecurity.STARTTLS && !tlsDone) then(smtp.startTls());
                else if (target.auth().isPresent()) then(smtp.auth());
                else promise.trySuccess(smtp);
            }
            case STARTTLS -> {
                tlsDone = true;
                then(smtp.ehlo());
            }
            case AUTH -> promise.trySuccess(smtp);
            default -> throw new IllegalStateException("not an opening stage: " + done.stage());
        }
    }

    @Override
    void giveUp(SmtpStep refused) {
        // after a refusal the session is still in step: QUIT is told to nobody (the opening was refused already)
        if (refused != null && smtp.isOpen() && refused.reply().code() != 421) smtp.quit();
        else smtp.close();
    }
}
