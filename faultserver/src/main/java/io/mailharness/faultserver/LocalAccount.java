package io.mailharness.faultserver;

import java.util.Objects;

/**
 * A local user: maildrop name, POP3/SMTP AUTH password and mailbox {@code user@localDomain}.
 * {@link #toString()} leaves the password out so it never reaches a log.
 */
public record LocalAccount(String user, String password, String address) {

    public LocalAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return "LocalAccount[" + address + "]";
    }
}
