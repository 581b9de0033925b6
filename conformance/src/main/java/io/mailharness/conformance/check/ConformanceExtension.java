package io.mailharness.conformance.check;

import io.mailharness.result.Outcome;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives each check its {@link CheckContext} and maps the five outcomes onto JUnit: PASS and INFO succeed,
 * FAIL fails, SKIP aborts with its reason, WARN succeeds (fails in strict mode). Every outcome is also
 * published as report entries ({@link #OUTCOME}, {@link #EXPECTED}, {@link #ACTUAL}, {@link #TRANSCRIPT}),
 * which launcher listeners and the JUnit XML see. A check holds the maildrops it logs into ({@link MaildropLeases}) from
 * before it starts until its clean-up is done. A PASS carries no transcript, except for an {@code anti-abuse}
 * row: what the server answered to the attack is the evidence that justifies the PASS.
 */
public final class ConformanceExtension implements ParameterResolver, InvocationInterceptor {
    public static final String CHECK_ID = "mailharness.check";
    public static final String OUTCOME = "mailharness.outcome";
    public static final String EXPECTED = "mailharness.expected";
    public static final String ACTUAL = "mailharness.actual";
    public static final String TRANSCRIPT = "mailharness.transcript";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CheckContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return contextFor(context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        CheckMetadata check = metadata(context);
        SuiteParameters parameters = SuiteParameters.from(context);
        CheckContext checkContext;
        MaildropLeases leases = null;
        AccountLease lease;
        try {
            checkContext = contextFor(context);
            leases = MaildropLeases.of(context, checkContext.target());
            lease = leases.lease(check, checkContext.target(), parameters.leaseWait());
        } catch (TestAbortedException e) {
            if (leases != null) leases.finished(check.id());
            invocation.skip();
            publish(context, check, new CheckVerdict(Outcome.SKIP, "", "skipped: " + e.getMessage()), "");
            throw e;
        }
        Throwable thrown = null;
        CheckVerdict verdict;
        try {
            try {
                checkContext.hold(lease);
                invocation.proceed();
            } catch (Throwable t) {
                thrown = t;
            } finally {
                try {
                    checkContext.close(); // the clean-up, on the maildrops still leased
                } finally {
                    lease.close();
                }
            }
            verdict = CheckVerdict.of(check, thrown, checkContext.warnings(), checkContext.observations());
            if (verdict.outcome() == Outcome.FAIL) checkContext.smuggledMessages().failed(check.id());
        } finally {
            leases.finished(check.id()); // after the verdict is known: the checks that run last read it
        }
        publish(context, check, verdict, verdict.outcome() == Outcome.PASS && !check.modes().contains(Mode.ANTI_ABUSE) ? "" : checkContext.transcript());
        switch (verdict.outcome()) {
            case FAIL -> throw thrown instanceof AssertionError a ? a : new AssertionFailedError(verdict.message(check), thrown);
            case SKIP -> throw thrown;
            case WARN -> {
                if (parameters.strict()) throw new AssertionFailedError("strict mode: " + verdict.message(check));
            }
            case PASS, INFO -> { }
        }
    }

    private CheckContext contextFor(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        CheckContext existing = store.get(CheckContext.class, CheckContext.class);
        if (existing != null) return existing;
        SuiteParameters parameters = SuiteParameters.from(context);
        TargetSettings target = TargetResolver.resolve(context, parameters);
        CheckContext created = new CheckContext(metadata(context), target, parameters, SmuggledMessages.of(context));
        store.put(CheckContext.class, created);
        return created;
    }

    private static CheckMetadata metadata(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        return CheckMetadata.of(method).orElseThrow(() -> new IllegalStateException(
                method + " runs under the conformance extension but has no @Check"));
    }

    private static void publish(ExtensionContext context, CheckMetadata check, CheckVerdict verdict, String transcript) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(CHECK_ID, check.id());
        entry.put(OUTCOME, verdict.outcome().name());
        putIfPresent(entry, EXPECTED, verdict.expected());
        putIfPresent(entry, ACTUAL, verdict.actual());
        putIfPresent(entry, TRANSCRIPT, transcript);
        context.publishReportEntry(entry);
    }

    private static void putIfPresent(Map<String, String> entry, String key, String value) {
        if (value != null && !value.isBlank()) entry.put(key, value);
    }
}

