package io.mailharness.cli;

import io.mailharness.faultserver.LocalAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Target settings files for the commands' tests: servers on 127.0.0.1, short timeouts, disposable accounts. */
final class TargetFiles {
    private TargetFiles() {}

    /** Writes {@code targets { ... }} with the given target definitions. */
    static Path write(Path file, String... targets) throws IOException {
        return Files.writeString(file, "targets {\n" + String.join("", targets) + "}\n");
    }

    /** One target on 127.0.0.1 with the given accounts (HOCON objects, see {@link #account}). */
    static String target(String name, int smtpPort, int pop3Port, String accounts) {
        return """
                  %s {
                    smtp { host = "127.0.0.1", port = %d }
                    pop3 { host = "127.0.0.1", port = %d }
                    timeouts { connect = 2s, read = 5s }
                    accounts = [ %s ]
                  }
                """.formatted(name, smtpPort, pop3Port, accounts);
    }

    static String account(String user, String password) {
        return "{ address = \"" + user + "@mailharness.test\", user = \"" + user + "\", password = \"" + password + "\", disposable = true }";
    }

    static String accounts(List<LocalAccount> accounts) {
        return accounts.stream().map(a -> "{ address = \"" + a.address() + "\", user = \"" + a.user() + "\", password = \""
                + a.password() + "\", disposable = true }").collect(Collectors.joining(", "));
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
