package io.mailharness.gatling.action;

import io.mailharness.client.UniqueIdListing;
import io.mailharness.gatling.MailRun;
import io.mailharness.gatling.action.MailAction.Exchange;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.Pop3Stage;
import io.mailharness.gatling.check.ReplyExpectation;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.client.Pop3Connection;
import io.mailharness.gatling.netty.Pop3Channel;
import io.mailharness.gatling.netty.Pop3Handshake;
import io.mailharness.gatling.netty.Pop3Step;
import io.mailharness.gatling.netty.RetrievedMessage;
import io.mailharness.gatling.protocol.MailComponents;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.settings.Account;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@link Pop3Exchange} on the Netty engine: the same POP3 commands, requests, KOs, reconnection back-off and ledger
 * entries (through the same {@link Pop3Reading}), on the user's event loop. Each command ends by running one of its
 * continuations, exactly once: {@code next} when the server answered (+OK or -ERR), {@code broken} when the step
 * could not complete — its KO logged, the connection closed and the maildrop released, as the blocking engine's
 * failed stage does.
 */
final class Pop3ChannelExchange {
    private final MailComponents components;
    private final MailRun run;
    private final Pop3Reading reading;
    private final MailAction action;

    Pop3ChannelExchange(String prefix, MailComponents components, MailAction action) {
        this.components = components;
        this.run = components.run();
        this.reading = new Pop3Reading(prefix, components);
        this.action = action;
    }

    Pop3Connection connection(Exchange x) {
        return reading.connection(x);
    }

    /** Logs a step as its stage's request: OK on +OK, a -ERR KO, or the failure by its class; true on +OK. */
    private boolean log(Exchange x, Pop3Step step) {
        Outcome outcome = step.failed() ? Outcome.of(step.failure()) : ReplyExpectation.judge(step.reply());
        x.log(reading.request(step.stage()), step, outcome, reading.report());
        return step.isOk();
    }

    /** How a login attempt ended. */
    enum Login {
        /** Logged in (or the user's session was open already). */
        OPEN,
        /** Every maildrop the pool offers is held by another reader: nothing was tried. */
        NONE_FREE,
        /** The server refused (a -ERR to the greeting, STLS, USER, PASS or APOP). */
        REFUSED,
        /** A step could not complete (timeout, dropped connection, a reply beyond the bounds). */
        BROKEN
    }

    /**
     * Logs in to a free maildrop (preferring those {@code wanted}), or keeps the session already open; {@code then}
     * gets the session (null unless {@link Login#OPEN}) and how the attempt ended. As in the blocking engine, the
     * lease is taken first and an attempt after a failed one waits out the back-off, here scheduled on the loop.
     */
    void login(Exchange x, Predicate<Account> wanted, LoginThen then) {
        Pop3Connection open = connection(x);
        if (open != null) {
            then.loggedIn(open, Login.OPEN);
            return;
        }
        AccountPool pool = components.maildrops();
        Optional<Account> lease = pool.lease(wanted);
        if (lease.isEmpty()) {
            then.loggedIn(null, Login.NONE_FREE);
            return;
        }
        Duration wait = ConnectAttempts.delay(components, x.session().userId());
        if (wait.isZero()) {
            open(x, lease.get(), then);
        } else {
            x.session().eventLoop().schedule(() -> action.guard(x, () -> open(x, lease.get(), then)), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** What comes after a login attempt. */
    @FunctionalInterface
    interface LoginThen {
        void loggedIn(Pop3Connection c, Login how);
    }

    private void open(Exchange x, Account account, LoginThen then) {
        long user = x.session().userId();
        Pop3Channel channel = new Pop3Channel(components.clientConfig(), x.session().eventLoop(), components.pop3Target());
        Pop3Connection c = new Pop3Connection(channel, account, components.maildrops());
        run.connections().put(user, c); // from the attempt on, so the end of the run closes it (and releases the maildrop)
        boolean[] broken = {false};
        boolean apop = components.protocol().pop3Login() == Pop3Login.APOP;
        Pop3Handshake.open(channel, account, apop, step -> {
            broken[0] |= step.failed();
            return log(x, step);
        }).addListener(opened -> action.guard(x, () -> {
            if (opened.isSuccess()) {
                x.update(s -> s.set(Pop3Keys.MAILDROP, account.address()));
                ConnectAttempts.succeeded(components, user);
                then.loggedIn(c, Login.OPEN);
            } else {
                ConnectAttempts.failed(components, user);
                run.connections().closePop3(user);
                then.loggedIn(null, broken[0] ? Login.BROKEN : Login.REFUSED);
            }
        }));
    }

    /** Logs the step when it ends; a step that could not complete closes the user's connection and goes {@code broken}. */
    private void after(Exchange x, Future<Pop3Step> step, Consumer<Pop3Step> next, Runnable broken) {
        long user = x.session().userId();
        step.addListener(f -> action.guard(x, () -> {
            if (!f.isSuccess()) { // a mistake of ours, not the server's: a harness KO
                run.connections().closePop3(user);
                throw new IllegalStateException(f.cause());
            }
            Pop3Step s = (Pop3Step) f.getNow();
            log(x, s);
            if (s.failed()) {
                run.connections().closePop3(user);
                broken.run();
            } else {
                next.accept(s);
            }
        }));
    }

    void stat(Exchange x, Pop3Connection c, String saveAs, Runnable next, Runnable broken) {
        after(x, c.channel().stat(), s -> {
            reading.stat(x, s.reply(), saveAs);
            next.run();
        }, broken);
    }

    /** LIST: saves the message sizes as a list of longs. */
    void list(Exchange x, Pop3Connection c, String saveAs, Runnable next, Runnable broken) {
        after(x, c.channel().list(), s -> {
            reading.list(x, s.reply(), saveAs);
            next.run();
        }, broken);
    }

    /** UIDL: remembers the listing on the connection and saves the unique-ids; {@code next} gets the listing, null when refused. */
    void uidl(Exchange x, Pop3Connection c, String saveAs, Consumer<List<UniqueIdListing>> next, Runnable broken) {
        after(x, c.channel().uidl(), s -> next.accept(reading.uidl(x, c, s.reply(), saveAs)), broken);
    }

    /** LIST's message numbers, for a server without UIDL. */
    private void listWithoutUids(Exchange x, Pop3Connection c, Consumer<List<UniqueIdListing>> next, Runnable broken) {
        after(x, c.channel().list(), s -> next.accept(Pop3Reading.withoutUids(s.reply())), broken);
    }

    /**
     * RETR of every listed message not processed before (by unique-id), up to {@link Pop3Reading#MAX_MESSAGES_PER_PASS},
     * one after the other. Without a UIDL listing, the message numbers of LIST are used and nothing is skipped.
     */
    void retrieveNew(Exchange x, Pop3Connection c, Runnable next, Runnable broken) {
        if (!c.listing().isEmpty()) {
            retrieveEach(x, c, reading.newMessages(c, c.listing()), 0, next, broken);
            return;
        }
        uidl(x, c, Pop3Keys.UIDS, listing -> {
            if (listing != null) retrieveEach(x, c, reading.newMessages(c, listing), 0, next, broken);
            else listWithoutUids(x, c, fresh -> retrieveEach(x, c, reading.newMessages(c, fresh), 0, next, broken), broken);
        }, broken);
    }

    private void retrieveEach(Exchange x, Pop3Connection c, List<UniqueIdListing> messages, int i, Runnable next, Runnable broken) {
        if (i == messages.size()) {
            c.listing(List.of());
            next.run();
            return;
        }
        UniqueIdListing entry = messages.get(i);
        retrieve(x, c, entry.message(), entry.uniqueId(), retrieval -> {
            reading.passed(c, entry.message(), retrieval);
            retrieveEach(x, c, messages, i + 1, next, broken);
        }, broken);
    }

    /**
     * RETR one message; {@code next} learns how it ended. A listed message whose retrieval fails is told to the
     * ledger as not retrievable (a cut-off one by its stamp, when that had arrived).
     */
    void retrieve(Exchange x, Pop3Connection c, int message, String uid, Consumer<Retrieval> next, Runnable broken) {
        String maildrop = c.account().address();
        Future<Pop3Step> retr = c.channel().retr(message);
        after(x, retr, s -> {
            if (!s.isOk()) {
                reading.notRetrieved(maildrop, uid, Optional.empty());
                next.accept(Retrieval.FAILED);
                return;
            }
            RetrievedMessage m = s.message();
            c.readWhole(message, uid);
            next.accept(Retrieval.of(reading.retrieved(x, maildrop, uid, m.stamp(), m::damagedContent)));
        }, () -> {
            RetrievedMessage cutOff = retr.getNow().message();
            reading.notRetrieved(maildrop, uid, cutOff == null ? Optional.empty() : cutOff.stamp());
            broken.run();
        });
    }

    void top(Exchange x, Pop3Connection c, int message, int lines, Runnable next, Runnable broken) {
        after(x, c.channel().top(message, lines), s -> next.run(), broken);
    }

    void dele(Exchange x, Pop3Connection c, int message, Runnable next, Runnable broken) {
        after(x, c.channel().dele(message), s -> {
            if (s.isOk()) c.markedDeleted(message);
            next.run();
        }, broken);
    }

    /** DELE of everything retrieved (or recognised as processed) in this session, one after the other. */
    void deleteRetrieved(Exchange x, Pop3Connection c, Runnable next, Runnable broken) {
        List<Integer> marked = new ArrayList<>(c.toDelete());
        c.toDelete().clear();
        deleteEach(x, c, marked, 0, next, broken);
    }

    private void deleteEach(Exchange x, Pop3Connection c, List<Integer> marked, int i, Runnable next, Runnable broken) {
        if (i == marked.size()) {
            next.run();
            return;
        }
        dele(x, c, marked.get(i), () -> deleteEach(x, c, marked, i + 1, next, broken), broken);
    }

    void rset(Exchange x, Pop3Connection c, Runnable next, Runnable broken) {
        after(x, c.channel().rset(), s -> {
            c.toDelete().clear();
            c.markedDeleted().clear();
            next.run();
        }, broken);
    }

    /** QUIT (the UPDATE state removes what was marked), then the connection is closed and the maildrop released. */
    void quit(Exchange x, Pop3Connection c, Runnable then) {
        long user = x.session().userId();
        Runnable closed = () -> {
            run.connections().closePop3(user);
            then.run();
        };
        after(x, c.channel().quit(), s -> {
            reading.quitAnswered(c, s.isOk());
            closed.run();
        }, closed);
    }

    /**
     * One full reader pass: login, STAT, UIDL (LIST without it), RETR what is new, DELE it, QUIT. {@code then} learns
     * whether a maildrop was free and the login not refused (as the blocking pass returns).
     */
    void cycle(Exchange x, Predicate<Account> wanted, Consumer<Boolean> then) {
        login(x, wanted, (c, how) -> {
            if (c == null) {
                then.accept(how == Login.BROKEN);
                return;
            }
            Runnable broken = () -> then.accept(true);
            stat(x, c, Pop3Keys.COUNT, () -> uidl(x, c, Pop3Keys.UIDS, listing -> {
                Runnable retrieve = () -> retrieveNew(x, c,
                        () -> deleteRetrieved(x, c, () -> quit(x, c, () -> then.accept(true)), broken), broken);
                if (listing != null) {
                    retrieve.run();
                } else {
                    listWithoutUids(x, c, fresh -> {
                        c.listing(fresh);
                        retrieve.run();
                    }, broken);
                }
            }, broken), broken);
        });
    }
}
