package io.mailharness.conformance.check;

import io.mailharness.result.Level;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One conformance check: a JUnit test method in a {@link Section} class, taking a {@link CheckContext}. The
 * requirement is in the class's section: a check about another section goes into that section's class.
 * The ID is the catalogue's; it never changes once published.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
public @interface Check {
    /** The catalogue's stable ID, e.g. {@code SMTP-NOOP}. */
    String id();

    /** The RFC keyword behind the requirement. */
    Level level();

    /** The requirement in one line, in our own words. */
    String requirement();

    /** What running the check does to the target. */
    Mode[] modes() default {Mode.READ_ONLY};

    /**
     * How many disposable maildrops a {@code mutates-mailbox} check delivers to or deletes from, all leased to it for
     * its whole run ({@link MaildropLeases}); {@link #EVERY_MAILDROP}: every account of the target.
     */
    int maildrops() default 1;

    /** {@link #maildrops()} of a check that loads or watches every account: it runs when no other check holds one. */
    int EVERY_MAILDROP = -1;
}
