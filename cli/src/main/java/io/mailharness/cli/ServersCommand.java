package io.mailharness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mailharness servers ACTION NAME...}: the real servers on 127.0.0.1, through servers/mailharness-servers. */
@Command(name = "servers",
        description = {"Install, start and stop real mail servers on 127.0.0.1.",
                "Through servers/mailharness-servers (Debian, root; see servers/README.md)."},
        footer = {"", "Exit status: the script's (0 done, 1 a server failed, 2 a wrong call)."})
final class ServersCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "install, start, stop, status or version")
    String action;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "a server (postfix-dovecot, exim, …) or all")
    List<String> names;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Installation.serversScript().toString(), action));
        command.addAll(names);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
