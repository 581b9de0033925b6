package io.mailharness.conformance;

import io.mailharness.conformance.check.CheckMetadata;
import io.mailharness.conformance.e2e.EndToEnd;
import io.mailharness.conformance.rfc1939.AuthorizationState;
import io.mailharness.conformance.rfc1939.BasicOperation;
import io.mailharness.conformance.rfc1939.OptionalCommands;
import io.mailharness.conformance.rfc1939.TransactionState;
import io.mailharness.conformance.rfc1939.UpdateState;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The section classes of the suite, in catalogue order: the order the checks run and the summary reads.
 * A new section class goes here (a test fails when one is missing).
 */
public final class ConformanceSuite {
    private static final List<Class<?>> SECTIONS = List.of(
            // RFC 5321, in the order of its sections
            io.mailharness.conformance.rfc5321.Lines.class,
            io.mailharness.conformance.rfc5321.GeneralSyntaxPrinciples.class,
            io.mailharness.conformance.rfc5321.SessionInitiation.class,
            io.mailharness.conformance.rfc5321.MailTransactions.class,
            io.mailharness.conformance.rfc5321.VerifyOrExpandSuccess.class,
            io.mailharness.conformance.rfc5321.MailExchangeAndRelaying.class,
            io.mailharness.conformance.rfc5321.TerminatingSessions.class,
            io.mailharness.conformance.rfc5321.CommandSemanticsAndSyntax.class,
            io.mailharness.conformance.rfc5321.ExtendedHello.class,
            io.mailharness.conformance.rfc5321.Data.class,
            io.mailharness.conformance.rfc5321.Reset.class,
            io.mailharness.conformance.rfc5321.Help.class,
            io.mailharness.conformance.rfc5321.Noop.class,
            io.mailharness.conformance.rfc5321.Quit.class,
            io.mailharness.conformance.rfc5321.CommandArgumentSyntax.class,
            io.mailharness.conformance.rfc5321.OrderOfCommands.class,
            io.mailharness.conformance.rfc5321.SmtpReplies.class,
            io.mailharness.conformance.rfc5321.ReplyCodeSeverities.class,
            io.mailharness.conformance.rfc5321.ReplyCode502.class,
            io.mailharness.conformance.rfc5321.SequencingOverview.class,
            io.mailharness.conformance.rfc5321.CommandReplySequences.class,
            io.mailharness.conformance.rfc5321.TraceInformation.class,
            io.mailharness.conformance.rfc5321.MinimumImplementation.class,
            io.mailharness.conformance.rfc5321.Transparency.class,
            io.mailharness.conformance.rfc5321.SizeLimitsAndMinimums.class,
            io.mailharness.conformance.rfc5321.CommandLine.class,
            io.mailharness.conformance.rfc5321.TextLine.class,
            io.mailharness.conformance.rfc5321.RecipientsBuffer.class,
            io.mailharness.conformance.rfc5321.TreatmentWhenLimitsExceeded.class,
            io.mailharness.conformance.rfc5321.TooManyRecipientsCode.class,
            // SMTP service extensions (RFC 2920, 3207, 4954, 1870, 5321 §4.1.1.11, 6152, 6531, 2034, 3461, 3030)
            io.mailharness.conformance.rfc2920.ServerPipelining.class,
            io.mailharness.conformance.rfc3207.StartTls.class,
            io.mailharness.conformance.rfc3207.ResultOfStartTls.class,
            io.mailharness.conformance.rfc4954.Auth.class,
            io.mailharness.conformance.rfc1870.MessageSizeDeclaration.class,
            io.mailharness.conformance.esmtp.ExtensionParameters.class,
            io.mailharness.conformance.rfc6152.EightBitMimeFramework.class,
            io.mailharness.conformance.rfc6152.EightBitMimeTransport.class,
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
            io.mailharness.conformance.rfc1939.MessageFormat.class,
            // POP3 extensions (RFC 2449, 2595, 5034, 6856) and POP3 under load
            io.mailharness.conformance.rfc2449.CapaCommand.class,
            io.mailharness.conformance.rfc2449.InitialCapabilities.class,
            io.mailharness.conformance.rfc2449.LoginDelayCapability.class,
            io.mailharness.conformance.rfc2449.PipeliningCapability.class,
            io.mailharness.conformance.rfc2595.StlsCommand.class,
            io.mailharness.conformance.rfc5034.AuthCommand.class,
            io.mailharness.conformance.rfc6856.Utf8Command.class,
            io.mailharness.conformance.e2e.LoadModel.class,
            // end to end
            EndToEnd.class,
            io.mailharness.conformance.e2e.MessageSizes.class,
            io.mailharness.conformance.e2e.OneMessagePerTransaction.class);

    private ConformanceSuite() {}

    public static List<Class<?>> sections() {
        return SECTIONS;
    }

    /** Every check of every section, in section order, and by ID within a section (the order they are shown). */
    public static List<CheckMetadata> checks() {
        List<CheckMetadata> checks = new ArrayList<>();
        for (Class<?> section : SECTIONS) {
            List<CheckMetadata> inSection = new ArrayList<>();
            for (Method method : section.getDeclaredMethods()) CheckMetadata.of(method).ifPresent(inSection::add);
            inSection.sort(java.util.Comparator.comparing(CheckMetadata::id));
            checks.addAll(inSection);
        }
        return checks;
    }
}
