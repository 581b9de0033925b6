package io.mailharness.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailharness.settings.Account;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;
import io.mailharness.settings.Timeouts;
import io.mailharness.settings.TlsSettings;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The default target: GreenMail in this JVM, on free loopback ports, with freshly generated accounts.
 * Every run works with no target given because of it.
 */
public final class EmbeddedMailServer implements AutoCloseable {
    public static final String DOMAIN = "mh.test";
    public static final int ACCOUNT_COUNT = 4;
    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;
    private final TargetSettings settings;

    private EmbeddedMailServer(GreenMail greenMail, TargetSettings settings) {
        this.greenMail = greenMail;
        this.settings = settings;
    }

    public static EmbeddedMailServer start() {
        return start(0, 0, ACCOUNT_COUNT);
    }

    /** On the given loopback ports (0: a free one each), with {@code accountCount} generated accounts. */
    public static EmbeddedMailServer start(int smtpPort, int pop3Port, int accountCount) {
        if (accountCount < 1) throw new IllegalArgumentException("at least one account is needed");
        ServerSetup smtp = new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        ServerSetup pop3 = new ServerSetup(pop3Port, LOOPBACK, ServerSetup.PROTOCOL_POP3);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {smtp, pop3});
        greenMail.start();
        List<Account> accounts = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 1; i <= accountCount; i++) {
            String user = "mh" + i;
            String password = HexFormat.of().formatHex(random.generateSeed(8));
            greenMail.setUser(user + "@" + DOMAIN, user, password);
            accounts.add(new Account(user + "@" + DOMAIN, user, password, true));
        }
        TargetSettings settings = new TargetSettings(
                TargetSelection.EMBEDDED_NAME,
                "GreenMail (embedded, in-process)",
                DOMAIN,
                Optional.of(new SmtpSettings(new Endpoint(LOOPBACK, greenMail.getSmtp().getPort()), SmtpSecurity.PLAIN, Optional.empty())),
                Optional.of(new Pop3Settings(new Endpoint(LOOPBACK, greenMail.getPop3().getPort()), Pop3Security.PLAIN)),
                TlsSettings.verifying(),
                Timeouts.defaults(),
                accounts);
        return new EmbeddedMailServer(greenMail, settings);
    }

    public TargetSettings settings() {
        return settings;
    }

    /** GreenMail's version, as servers report theirs in comparisons. */
    public static String version() {
        return Optional.ofNullable(GreenMail.class.getPackage().getImplementationVersion()).orElse("2.1");
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
