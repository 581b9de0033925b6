package io.mailharness.settings;

/**
 * A test account on the target: its mailbox address, login and password.
 * Disposable accounts may have their maildrop emptied and filled by checks and load runs.
 */
public record Account(String address, String user, String password, boolean disposable) {
    public Account {
        io.mailharness.client.EchoedSecrets.remember(user, password); // a server that echoes them must not show them
    }

    /** Never prints the password: settings objects end up in logs and reports. */
    @Override
    public String toString() {
        return "Account[" + address + ", user=" + user + ", password=****, disposable=" + disposable + "]";
    }
}
