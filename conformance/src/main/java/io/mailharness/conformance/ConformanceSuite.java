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
            // SMTP service extensions (RFC 2920, 3207, 4954, 1870, 5321 §4.1.1.11, 6152, 6531, 2034, 3461, 3030)
            io.mailharness.conformance.rfc2920.ServerPipelining.class,
            io.mailharness.conformance.rfc3207.StartTls.class,
            io.mailharness.conformance.rfc4954.Auth.class,
            io.mailharness.conformance.rfc1870.MessageSizeDeclaration.class,
            io.mailharness.conformance.esmtp.ExtensionParameters.class,
            io.mailharness.conformance.rfc6152.EightBitMime.class,
            io.mailharness.conformance.rfc6531.Smtputf8.class,
            io.mailharness.conformance.rfc2034.EnhancedStatusCodes.class,
            io.mailharness.conformance.rfc3461.DeliveryStatusNotifications.class,
            io.mailharness.conformance.rfc3030.Chunking.class,
            io.mailharness.conformance.e2e.BlindCopies.class,
            // RFC 1939
            BasicOperation.class,
            AuthorizationState.class,
            TransactionState.class,
            UpdateState.class,
            OptionalCommands.class,
            // POP3 extensions (RFC 2449, 2595, 5034, 6856) and POP3 under load
            io.mailharness.conformance.rfc2449.CapaCommand.class,
            io.mailharness.conformance.rfc2449.InitialCapabilities.class,
            io.mailharness.conformance.rfc2595.StlsCommand.class,
            io.mailharness.conformance.rfc5034.AuthCommand.class,
            io.mailharness.conformance.rfc6856.Utf8Command.class,
            io.mailharness.conformance.e2e.LoadModel.class,
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
