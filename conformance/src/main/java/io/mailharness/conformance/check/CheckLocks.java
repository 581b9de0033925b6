package io.mailharness.conformance.check;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a check shares with others when checks run concurrently, as JUnit resource locks: a maildrop (POP3 servers
 * lock it for a session, RFC 1939 §4, and the mailbox checks count its messages) and, for the load model, the
 * whole target. Checks that share nothing (fresh SMTP connections, no delivery) run side by side.
 */
public final class CheckLocks implements ResourceLocksProvider {
    /**
     * The maildrops: POP3 checks log into the primary account, checks that deliver or delete use the disposable
     * ones, and a target may name one account as both, so they are one resource.
     */
    static final String MAILDROPS = "mailharness.maildrops";
    /** The whole target: checks that load it or watch every maildrop run alone. */
    static final String TARGET = "mailharness.target";

    /** Checks that must run alone: the load model opens many sessions on every account at once. */
    private static final Set<String> ALONE = Set.of("E2E-LOAD-MODEL");

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        Optional<CheckMetadata> check = CheckMetadata.of(testMethod);
        if (check.isEmpty()) return Set.of();
        if (ALONE.contains(check.get().id())) return Set.of(new Lock(TARGET, ResourceAccessMode.READ_WRITE));
        Lock shared = new Lock(TARGET, ResourceAccessMode.READ);
        if (check.get().mutatesMailbox() || check.get().id().startsWith("POP-")) {
            return Set.of(shared, new Lock(MAILDROPS, ResourceAccessMode.READ_WRITE));
        }
        return Set.of(shared);
    }
}
