package io.mailharness.gatling.action;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.BlockExit;
import io.gatling.core.action.ExitableAction;
import io.gatling.core.session.Session;
import io.netty.channel.EventLoop;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Makes a Java class a working Gatling {@code ExitableAction}. Scala compiles two super-accessor methods
 * into classes that mix in the trait; they are synthetic, so javac neither shows them nor lets us
 * override them, and a plain Java implementation dies with AbstractMethodError on the first call. This
 * class declares them under their exact JVM names (no {@code @Override}: the JVM links them by name and
 * descriptor) and gives the three layers their meaning:
 * <ul>
 *   <li>{@code $bang} (ExitableAction): leave the block when the session must exit (tryMax, exitHereIf…);</li>
 *   <li>{@code …ExitableAction$$super$$bang} (ChainableAction): an exception continues the user, marked failed;</li>
 *   <li>{@code …ChainableAction$$super$$bang} (Action): hop onto the user's event loop, then {@code execute}.</li>
 * </ul>
 * These names are binary API of Gatling 3.15.1; the version is pinned in the parent pom.
 */
public abstract class JavaExitableAction implements ExitableAction {
    private Logger logger = Logger.apply(LoggerFactory.getLogger(getClass()));

    @Override
    public final void $bang(Session session) {
        Option<BlockExit> exit = BlockExit.mustExit(session);
        if (exit.isDefined()) {
            exit.get().exitBlock(statsEngine(), clock().nowMillis());
        } else {
            io$gatling$core$action$ExitableAction$$super$$bang(session);
        }
    }

    /** ChainableAction's {@code !}: synthetic super accessor, deliberately without @Override. */
    public final void io$gatling$core$action$ExitableAction$$super$$bang(Session session) {
        try {
            io$gatling$core$action$ChainableAction$$super$$bang(session);
        } catch (IllegalStateException e) {
            if (!"cannot enqueue after timer shutdown".equals(e.getMessage())) crashed(session, e);
            // else: the run is over and the event loops are gone; nothing left to continue
        } catch (Exception e) {
            crashed(session, e);
        }
    }

    /** Action's {@code !}: synthetic super accessor, deliberately without @Override. */
    public final void io$gatling$core$action$ChainableAction$$super$$bang(Session session) {
        EventLoop eventLoop = session.eventLoop();
        if (eventLoop.inEventLoop()) {
            execute(session);
        } else if (!eventLoop.isShutdown()) {
            eventLoop.execute(() -> $bang(session));
        }
    }

    private void crashed(Session session, Exception e) {
        logger.underlying().error("'{}' crashed, the virtual user continues marked as failed", name(), e);
        next().$bang(session.markAsFailed());
    }

    @Override
    public final Logger logger() {
        return logger;
    }

    @Override
    public final void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger l) {
        this.logger = l;
    }

    @Override
    public String toString() {
        return name();
    }
}
