package io.mailharness.cli;

import io.mailharness.embedded.EmbeddedServerProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mailharness embedded-server --target-file F}: GreenMail in a process of its own, for several injectors. */
@Command(name = "embedded-server", sortOptions = false,
        description = {"Run the embedded GreenMail in its own process (for several injectors).",
                "Listens on 127.0.0.1 and writes its target settings"
                + " (target embedded-greenmail) to a file; runs until standard input closes, SIGTERM or SIGINT, or --max-seconds."},
        footer = {"", "Exit status: 0 stopped, 2 bad arguments (such as a --target-file it did not write) or the server could not start."})
final class EmbeddedServerCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Option(names = "--target-file", required = true, paramLabel = "FILE",
            description = "the target settings file to write (HOCON), for the other commands' --target-file; its folder must exist,"
                    + " and an existing file is replaced only if embedded-server wrote it")
    Path targetsFile;

    @Option(names = "--smtp-port", paramLabel = "N", defaultValue = "0", description = "SMTP port on 127.0.0.1 (default 0: a free port)")
    int smtpPort;

    @Option(names = "--pop3-port", paramLabel = "N", defaultValue = "0", description = "POP3 port on 127.0.0.1 (default 0: a free port)")
    int pop3Port;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "8", description = "generated disposable accounts (default ${DEFAULT-VALUE}; injectors split them)")
    int accounts;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "0", description = "stop after S seconds at the latest (default: no limit)")
    long maxSeconds;

    @Option(names = "--ignore-stdin", description = "do not stop when standard input closes (for a background process); stop with SIGTERM")
    boolean ignoreStdin;

    @Override
    public Integer call() {
        OptionRange.within(spec, "--smtp-port", smtpPort, 0, 65535);
        OptionRange.within(spec, "--pop3-port", pop3Port, 0, 65535);
        OptionRange.within(spec, "--accounts", accounts, 1, 10_000);
        OptionRange.within(spec, "--max-seconds", maxSeconds, 0, Integer.MAX_VALUE);
        EmbeddedServerProcess.Options options = new EmbeddedServerProcess.Options(targetsFile, smtpPort, pop3Port, accounts, maxSeconds, ignoreStdin);
        return EmbeddedServerProcess.run(options, System.in, mailharness.out, mailharness.err);
    }
}
