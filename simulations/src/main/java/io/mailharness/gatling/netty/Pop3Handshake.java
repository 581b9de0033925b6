package io.mailharness.gatling.netty;

import io.mailharness.client.MailProtocolException;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * Opens a POP3 session into the TRANSACTION state: connect+greeting, STLS for {@link Pop3Security#STLS}, then USER
 * and PASS, or APOP. Each step is told to the listener as it ends; a step that failed, or a response the listener did
 * not expect, ends the opening: the connection is closed (no QUIT: there is nothing to update) and the future fails
 * with a {@link MailProtocolException} naming the step.
 */
public final class Pop3Handshake extends SessionOpening<Pop3Step, Pop3Channel> {
    private final Pop3Channel pop3;
    private final Account account;
    private final boolean apop;

    private Pop3Handshake(Pop3Channel pop3, Account account, boolean apop, StepListener<Pop3Step> steps) {
        super(pop3.loop(), steps);
        this.pop3 = pop3;
        this.account = account;
        this.apop = apop;
    }

    /** Connects on {@code loop} (the virtual user's) and logs in to {@code account}'s maildrop, with APOP when {@code apop}. */
    public static Future<Pop3Channel> open(MailClientConfig config, EventLoop loop, Pop3Target target, Account account, boolean apop,
                                           StepListener<Pop3Step> steps) {
        return open(new Pop3Channel(config, loop, target), account, apop, steps);
    }

    /** Connects the session not yet connected (one the caller registered first, to close it at any time) and logs in. */
    public static Future<Pop3Channel> open(Pop3Channel pop3, Account account, boolean apop, StepListener<Pop3Step> steps) {
        Pop3Handshake handshake = new Pop3Handshake(pop3, account, apop, steps);
        handshake.then(pop3.connect());
        return handshake.promise;
    }

    @Override
    void advance(Pop3Step done) {
        switch (done.stage()) {
            case CONNECT -> then(pop3.target().security() == Pop3Security.STLS ? pop3.stls() : login());
            case STLS -> then(login());
            case USER -> then(pop3.pass(account));
            case PASS, APOP -> promise.trySuccess(pop3);
            default -> throw new IllegalStateException("not a login stage: " + done.stage());
        }
    }

    @Override
    void giveUp(Pop3Step refused) {
        pop3.close();
    }

    private Future<Pop3Step> login() {
        return apop ? pop3.apop(account) : pop3.user(account);
    }
}
