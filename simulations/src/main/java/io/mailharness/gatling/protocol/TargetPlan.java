package io.mailharness.gatling.protocol;

import io.mailharness.embedded.EmbeddedMailServer;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.MailTarget;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SettingsOverrides;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The target a protocol is aimed at, as a plan: settings given as they are, or the run's selection
 * ({@code -Dmailharness.target.file} and {@code -Dmailharness.target}, else the embedded default server).
 * Nothing is started here: the run that uses the plan opens it (starting the embedded server) and closes it
 * at its end. What a protocol builder changes (another port, other timeouts…) is kept as an adjustment
 * applied to whatever the run opens.
 */
public final class TargetPlan {
    /** The embedded default's source key: every plan of a run that uses it shares one server. */
    private static final Object EMBEDDED = new Object() {
        @Override
        public String toString() {
            return TargetSelection.EMBEDDED_NAME;
        }
    };

    private final TargetSettings base;
    private final boolean embedded;
    private final UnaryOperator<TargetSettings> adjustment;

    private TargetPlan(TargetSettings base, boolean embedded, UnaryOperator<TargetSettings> adjustment) {
        this.base = base;
        this.embedded = embedded;
        this.adjustment = adjustment;
    }

    /** These settings, as they are. */
    public static TargetPlan of(TargetSettings settings) {
        return new TargetPlan(settings, false, UnaryOperator.identity());
    }

    /** The run's selection from system properties and environment; a settings file is read (and checked) now. */
    public static TargetPlan fromSystem() {
        TargetSelection selection = TargetSelection.fromSystem();
        selection.requireNoOverridesOfEmbedded(SettingsOverrides.fromSystem());
        if (selection.isEmbedded()) return new TargetPlan(embeddedPlaceholder(), true, UnaryOperator.identity());
        return of(selection.load(SettingsOverrides.fromSystem()));
    }

    /** This plan with one more change applied to the settings the run opens. */
    public TargetPlan adjusted(UnaryOperator<TargetSettings> change) {
        UnaryOperator<TargetSettings> before = adjustment;
        return new TargetPlan(base, embedded, t -> change.apply(before.apply(t)));
    }

    /**
     * What is known before the run starts: the settings with every adjustment. For the embedded default,
     * whose server starts with the run, the endpoints have no port yet and the accounts no password; the
     * services, security modes and number of accounts are as the run will have them.
     */
    public TargetSettings planned() {
        return adjustment.apply(base);
    }

    public boolean isEmbedded() {
        return embedded;
    }

    /** What plans share when a run opens them: the embedded server, or the settings as given. */
    Object source() {
        return embedded ? EMBEDDED : base;
    }

    /** Opens the source: starts the embedded server, or wraps the settings. The caller closes it. */
    MailTarget openSource() {
        return embedded ? MailTarget.open(TargetSelection.embeddedDefault(), java.util.Map.of()) : MailTarget.of(base);
    }

    /** The settings a run uses, from what it opened for {@link #source()}. */
    TargetSettings apply(TargetSettings opened) {
        return adjustment.apply(opened);
    }

    private static TargetSettings embeddedPlaceholder() {
        List<Account> accounts = new ArrayList<>();
        for (int i = 1; i <= EmbeddedMailServer.ACCOUNT_COUNT; i++) {
            accounts.add(new Account("account" + i + "@" + EmbeddedMailServer.DOMAIN, "account" + i, "", true));
        }
        return new TargetSettings(TargetSelection.EMBEDDED_NAME, "GreenMail (embedded, started with the run)", EmbeddedMailServer.DOMAIN,
                Optional.of(new SmtpSettings(new Endpoint("127.0.0.1", 0), SmtpSecurity.PLAIN, Optional.empty())),
                Optional.of(new Pop3Settings(new Endpoint("127.0.0.1", 0), Pop3Security.PLAIN)),
                TlsSettings.verifying(), Timeouts.defaults(), accounts);
    }

    @Override
    public String toString() {
        return embedded ? "the embedded default (started with the run)" : base.name();
    }
}
