package io.mailharness.conformance.check;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of checks as one RFC section, as h2spec has one file per section. The class is shown as
 * {@code RFC 5321 §4.1.1.9 NOOP}; its checks run in ID order and get a {@link CheckContext} from the {@link ConformanceExtension}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConformanceExtension.class)
@DisplayNameGeneration(SectionDisplayNames.class)
@TestMethodOrder(MethodOrderer.DisplayName.class)
public @interface Section {
    /** RFC numbers the checks read, e.g. {@code "5321"}; end-to-end sections name both protocols. */
    String[] rfc();

    /** The section number, e.g. {@code "4.1.1.9"}. */
    String number();

    /** The section title, e.g. {@code "NOOP"}. */
    String title();
}
