package io.mailharness.gatling.netty;

import io.mailharness.client.SmtpReply;
import io.mailharness.protocol.SaslResponses;
import io.mailharness.settings.Account;
import io.mailharness.settings.SmtpAuthMechanism;


/**
 * The client's side of one SMTP AUTH exchange (RFC 4954): the command with its initial response where the mechanism
 * has one, then an answer to each 334 challenge. PLAIN (RFC 4616) sends everything at once; LOGIN answers the user
 * name and password prompts; CRAM-MD5 (RFC 2195) answers the challenge with an HMAC-MD5 of it. What it sends never
 * leaves this class other than on the wire.
 */
final class SmtpAuth {
    private final SmtpAuthMechanism mechanism;
    private final Account account;
    private int answered;

    SmtpAuth(SmtpAuthMechanism mechanism, Account account) {
        this.mechanism = mechanism;
        this.account = account;
    }

    /** The AUTH command line, without CRLF: verb and arguments. */
    String[] command() {
        return switch (mechanism) {
            case PLAIN -> new String[] {"AUTH PLAIN ", SaslResponses.plain(account.user(), account.password())};
            case LOGIN -> new String[] {"AUTH LOGIN", ""};
            case CRAM_MD5 -> new String[] {"AUTH CRAM-MD5", ""};
        };
    }

    /** The answer to a 334 challenge, or null when the mechanism has nothing more to say (the reply then ends the step). */
    String answer(SmtpReply challenge) {
        answered++;
        return switch (mechanism) {
            case PLAIN -> null;
            case LOGIN -> answered == 1 ? SaslResponses.login(account.user()) : answered == 2 ? SaslResponses.login(account.password()) : null;
            case CRAM_MD5 -> answered == 1 ? SaslResponses.cramMd5(account.user(), account.password(), challengeText(challenge)) : null;
        };
    }

    private static String challengeText(SmtpReply reply) {
        return reply.lines().isEmpty() || reply.lines().get(0).length() < 4 ? "" : reply.lines().get(0).substring(4).strip();
    }
}
