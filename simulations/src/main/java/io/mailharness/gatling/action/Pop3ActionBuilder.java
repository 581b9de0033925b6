package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import io.mailharness.gatling.MailEngine;
import io.mailharness.gatling.client.AccountPool;
import io.mailharness.gatling.client.Pop3Connection;

import java.util.function.Function;

/**
 * One POP3 command on the user's session, or a whole reader pass ({@link #cycle()}). {@code login()}
 * leases a free maildrop of the protocol and logs in (USER/PASS or APOP, after STLS when set); the other
 * commands work on that session and do nothing when the user holds none (every maildrop was busy).
 * Values land in the Gatling session: {@link Pop3Keys}, or the key given with {@link #saveAs(String)}.
 * Immutable.
 */
public final class Pop3ActionBuilder implements ActionBuilder {
    enum Op { LOGIN, STAT, LIST, UIDL, RETR_NEW, RETR, TOP, DELE, DELE_RETRIEVED, RSET, QUIT, CYCLE }

    private final String prefix;
    private final Op op;
    private final SessionValue<Integer> message;
    private final int lines;
    private final String saveAs;

    private Pop3ActionBuilder(String prefix, Op op, SessionValue<Integer> message, int lines, String saveAs) {
        this.prefix = prefix;
        this.op = op;
        this.message = message;
        this.lines = lines;
        this.saveAs = saveAs;
    }

    /** The POP3 operations of one request-name prefix, e.g. {@code MailDsl.pop3("POP3").stat()}. */
    public static final class Operations {
        private final String prefix;

        public Operations(String prefix) {
            this.prefix = prefix;
        }

        public Pop3ActionBuilder login() { return of(Op.LOGIN); }
        public Pop3ActionBuilder stat() { return of(Op.STAT); }
        public Pop3ActionBuilder list() { return of(Op.LIST); }
        public Pop3ActionBuilder uidl() { return of(Op.UIDL); }
        /** RETR every message not processed before (by unique-id), checking harness messages into the ledger. */
        public Pop3ActionBuilder retrieveNew() { return of(Op.RETR_NEW); }
        public Pop3ActionBuilder retr(int message) { return of(Op.RETR, SessionValue.of(message), 0); }
        public Pop3ActionBuilder retr(String message) { return of(Op.RETR, SessionValue.intEl(message), 0); }
        public Pop3ActionBuilder retr(Function<Session, Integer> message) { return of(Op.RETR, SessionValue.fn(message), 0); }
        public Pop3ActionBuilder top(int message, int lines) { return of(Op.TOP, SessionValue.of(message), lines); }
        public Pop3ActionBuilder top(String message, int lines) { return of(Op.TOP, SessionValue.intEl(message), lines); }
        public Pop3ActionBuilder dele(int message) { return of(Op.DELE, SessionValue.of(message), 0); }
        public Pop3ActionBuilder dele(String message) { return of(Op.DELE, SessionValue.intEl(message), 0); }
        public Pop3ActionBuilder dele(Function<Session, Integer> message) { return of(Op.DELE, SessionValue.fn(message), 0); }
        /** DELE of everything retrieved (or recognised as processed) in this session. */
        public Pop3ActionBuilder deleRetrieved() { return of(Op.DELE_RETRIEVED); }
        public Pop3ActionBuilder rset() { return of(Op.RSET); }
        public Pop3ActionBuilder quit() { return of(Op.QUIT); }
        /** login, STAT, UIDL, RETR new, DELE, QUIT in one action. */
        public Pop3ActionBuilder cycle() { return of(Op.CYCLE); }

        private Pop3ActionBuilder of(Op op) {
            return of(op, null, 0);
        }

        private Pop3ActionBuilder of(Op op, SessionValue<Integer> message, int lines) {
            return new Pop3ActionBuilder(prefix, op, message, lines, null);
        }
    }

    /** The session key for what STAT, LIST or UIDL save. */
    public Pop3ActionBuilder saveAs(String key) {
        return new Pop3ActionBuilder(prefix, op, message, lines, key);
    }

    private String key(String defaultKey) {
        return saveAs == null ? defaultKey : saveAs;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> MailAction.engine(ctx) == MailEngine.NETTY ? new ChannelCommand(ctx, next) : new Command(ctx, next);
    }

    /** The same command on the Netty engine, on the user's event loop. */
    private final class ChannelCommand extends EventLoopAction {
        private final Pop3ChannelExchange pop3;

        ChannelCommand(ScenarioContext ctx, Action next) {
            super("pop3" + op + "-" + prefix, ctx, next);
            this.pop3 = new Pop3ChannelExchange(prefix, components, this);
        }

        @Override
        protected void start(Exchange x) {
            command(x, () -> proceed(x));
        }

        private void command(Exchange x, Runnable done) {
            switch (op) {
                case CYCLE -> pop3.cycle(x, AccountPool.ANY, passed -> done.run());
                case LOGIN -> pop3.login(x, AccountPool.ANY, (c, how) -> done.run());
                default -> {
                    Pop3Connection c = pop3.connection(x);
                    if (c == null) {
                        done.run();
                        return;
                    }
                    switch (op) {
                        case STAT -> pop3.stat(x, c, key(Pop3Keys.COUNT), done, done);
                        case LIST -> pop3.list(x, c, key(Pop3Keys.SIZES), done, done);
                        case UIDL -> pop3.uidl(x, c, key(Pop3Keys.UIDS), listing -> done.run(), done);
                        case RETR_NEW -> pop3.retrieveNew(x, c, done, done);
                        case RETR -> {
                            int n = message.resolve(x.session());
                            pop3.retrieve(x, c, n, Pop3Reading.uidOf(c, n), retrieval -> {
                                if (retrieval != Retrieval.FAILED) c.toDelete().add(n); // never deleted unread
                                done.run();
                            }, done);
                        }
                        case TOP -> pop3.top(x, c, message.resolve(x.session()), lines, done, done);
                        case DELE -> pop3.dele(x, c, message.resolve(x.session()), done, done);
                        case DELE_RETRIEVED -> pop3.deleteRetrieved(x, c, done, done);
                        case RSET -> pop3.rset(x, c, done, done);
                        case QUIT -> pop3.quit(x, c, done);
                        default -> throw new IllegalStateException(op.name());
                    }
                }
            }
        }
    }

    private final class Command extends MailAction {
        private final Pop3Exchange pop3;

        Command(ScenarioContext ctx, Action next) {
            super("pop3" + op + "-" + prefix, ctx, next);
            this.pop3 = new Pop3Exchange(prefix, components);
        }

        @Override
        protected void perform(Exchange x) throws Exception {
            if (op == Op.CYCLE) {
                pop3.cycle(x, AccountPool.ANY);
                return;
            }
            if (op == Op.LOGIN) {
                try {
                    pop3.login(x, AccountPool.ANY);
                } catch (StageFailed e) {
                    // logged as a KO
                }
                return;
            }
            Pop3Connection c = pop3.connection(x);
            if (c == null) return;
            try {
                switch (op) {
                    case STAT -> pop3.stat(x, c, key(Pop3Keys.COUNT));
                    case LIST -> pop3.list(x, c, key(Pop3Keys.SIZES));
                    case UIDL -> pop3.uidl(x, c, key(Pop3Keys.UIDS));
                    case RETR_NEW -> pop3.retrieveNew(x, c);
                    case RETR -> {
                        int n = message.resolve(x.session());
                        if (pop3.retrieve(x, c, n, c.account().address(), Pop3Reading.uidOf(c, n)) != Retrieval.FAILED) c.toDelete().add(n);
                    }
                    case TOP -> pop3.top(x, c, message.resolve(x.session()), lines);
                    case DELE -> pop3.dele(x, c, message.resolve(x.session()));
                    case DELE_RETRIEVED -> pop3.deleteRetrieved(x, c);
                    case RSET -> pop3.rset(x, c);
                    case QUIT -> pop3.quit(x, c);
                    default -> throw new IllegalStateException(op.name());
                }
            } catch (StageFailed e) {
                run.connections().closePop3(x.session().userId());
            }
        }
    }
}
