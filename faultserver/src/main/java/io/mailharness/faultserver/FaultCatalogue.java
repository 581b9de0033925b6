package io.mailharness.faultserver;

import io.mailharness.faultserver.conformance.AllowedVariantFaults;
import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.faultserver.conformance.ErrorBudgetFaults;
import io.mailharness.faultserver.conformance.Pop3RuleFaults;
import io.mailharness.faultserver.conformance.SmtpCoreRuleFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.pop3.Pop3Faults;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.RelayFaults;
import io.mailharness.faultserver.smtp.SmugglingFaults;
import io.mailharness.faultserver.store.StoreDamageFaults;
import io.mailharness.faultserver.store.StoreFaults;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every named fault, found as the public static final {@link Fault} constants of the
 * catalogue classes. Adding a constant there is all it takes to make a fault nameable.
 */
public final class FaultCatalogue {

    private static final Map<String, Fault> ALL = load(SmtpFaults.class, Pop3Faults.class, StoreFaults.class,
            BasicRuleFaults.class, SmtpCoreRuleFaults.class, SmtpExtensionRuleFaults.class, Pop3RuleFaults.class,
            SmugglingFaults.class, RelayFaults.class, ErrorBudgetFaults.class, ChaosFaults.class, StoreDamageFaults.class,
            AllowedVariantFaults.class);

    private FaultCatalogue() {
    }

    public static Map<String, Fault> all() {
        return ALL;
    }

    public static Fault byName(String name) {
        Fault fault = ALL.get(name);
        if (fault == null) {
            throw new NoSuchElementException("no fault named " + name + "; known: " + ALL.keySet());
        }
        return fault;
    }

    private static Map<String, Fault> load(Class<?>... catalogues) {
        Map<String, Fault> all = new LinkedHashMap<>();
        for (Class<?> catalogue : catalogues) {
            for (Field field : catalogue.getFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Fault.class.isAssignableFrom(field.getType())) {
                    try {
                        Fault fault = (Fault) field.get(null);
                        if (all.put(fault.name(), fault) != null) {
                            throw new IllegalStateException("duplicate fault name " + fault.name());
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(all);
    }
}
