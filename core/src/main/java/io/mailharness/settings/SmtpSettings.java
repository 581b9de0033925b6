package io.mailharness.settings;

import java.util.Optional;

/** Where and how to reach the target's SMTP service. */
public record SmtpSettings(Endpoint endpoint, SmtpSecurity security, Optional<SmtpAuthMechanism> auth) {}
