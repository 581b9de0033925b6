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

    /**
     * Runs with no other check at once ({@link MaildropLeases}): for a check whose verdict would depend on what else
     * loads the target.
     */
    boolean alone() default false;

    /**
     * {@link #maildrops()} of a check that looks at what every other check left in every account: it runs last, once
     * the run's other checks have finished ({@link SuiteParameters#CHECKS_BEFORE_LAST}) and no check holds an account.
     */
    int EVERY_MAILDROP = -1;
}
