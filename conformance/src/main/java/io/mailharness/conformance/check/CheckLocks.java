package io.mailharness.conformance.check;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a check shares with others when checks run concurrently, as JUnit resource locks: the whole target, which
 * the load model holds alone. Maildrops are not locked here but leased ({@link MaildropLeases}): checks on
 * different maildrops run side by side, checks on the same one after each other.
 */
public final class CheckLocks implements ResourceLocksProvider {
    /** The whole target: checks that load it or watch every maildrop run alone. */
    static final String TARGET = "mailharness.target";

    /** Checks that must run alone: the load model opens many sessions on every account at once. */
    private static final Set<String> ALONE = Set.of("E2E-LOAD-MODEL");

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        Optional<CheckMetadata> check = CheckMetadata.of(testMethod);
        if (check.isEmpty()) return Set.of();
        if (ALONE.contains(check.get().id())) return Set.of(new Lock(TARGET, ResourceAccessMode.READ_WRITE));
        return Set.of(new Lock(TARGET, ResourceAccessMode.READ));
    }
}
