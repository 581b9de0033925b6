package io.mailharness.conformance;

import io.mailharness.conformance.check.CheckMetadata;
import io.mailharness.conformance.e2e.EndToEnd;
import io.mailharness.conformance.rfc1939.AuthorizationState;
import io.mailharness.conformance.rfc1939.BasicOperation;
import io.mailharness.conformance.rfc1939.OptionalCommands;
import io.mailharness.conformance.rfc1939.TransactionState;
import io.mailharness.conformance.rfc1939.UpdateState;
import io.mailharness.conformance.rfc5321.Addresses;
import io.mailharness.conformance.rfc5321.CommandSyntax;
import io.mailharness.conformance.rfc5321.ExtendedHello;
import io.mailharness.conformance.rfc5321.Limits;
import io.mailharness.conformance.rfc5321.MailData;
import io.mailharness.conformance.rfc5321.Noop;
import io.mailharness.conformance.rfc5321.OrderOfCommands;
import io.mailharness.conformance.rfc5321.Quit;
import io.mailharness.conformance.rfc5321.Reset;
import io.mailharness.conformance.rfc5321.SessionInitiation;
import io.mailharness.conformance.rfc5321.SmtpReplies;
import io.mailharness.conformance.rfc5321.VerifyAndExpand;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The section classes of the suite, in catalogue order: the order the checks run and the summary reads.
 * A new section class goes here (a test fails when one is missing).
 */
public final class ConformanceSuite {
    private static final List<Class<?>> SECTIONS = List.of(
            // RFC 5321
            SmtpReplies.class,
            SessionInitiation.class,
            ExtendedHello.class,
            CommandSyntax.class,
            OrderOfCommands.class,
            Addresses.class,
            MailData.class,
            Limits.class,
            Reset.class,
            Noop.class,
            VerifyAndExpand.class,
            Quit.class,
            // RFC 1939
            BasicOperation.class,
            AuthorizationState.class,
            TransactionState.class,
            UpdateState.class,
            OptionalCommands.class,
            // end to end
            EndToEnd.class);

    private ConformanceSuite() {}

    public static List<Class<?>> sections() {
        return SECTIONS;
    }

    /** Every check of every section, in section order. */
    public static List<CheckMetadata> checks() {
        List<CheckMetadata> checks = new ArrayList<>();
        for (Class<?> section : SECTIONS) {
            for (Method method : section.getDeclaredMethods()) CheckMetadata.of(method).ifPresent(checks::add);
        }
        return checks;
    }
}
