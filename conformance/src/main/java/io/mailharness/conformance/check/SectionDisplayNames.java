package io.mailharness.conformance.check;

import org.junit.jupiter.api.DisplayNameGenerator;

import java.lang.reflect.Method;
import java.util.List;

/** Names section classes {@code RFC 5321 §4.1.1.9 NOOP} and checks {@code SMTP-NOOP: <requirement>}. */
public final class SectionDisplayNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        Section section = testClass.getAnnotation(Section.class);
        if (section == null) return super.generateDisplayNameForClass(testClass);
        return CheckMetadata.heading(section);
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return CheckMetadata.of(testMethod)
                .map(m -> m.id() + ": " + m.requirement())
                .orElseGet(() -> super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod));
    }
}
