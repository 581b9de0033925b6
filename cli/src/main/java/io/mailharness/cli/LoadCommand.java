package io.mailharness.cli;

import io.mailharness.simulations.SimulationLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mailharness load [SIMULATION]}: one Gatling simulation in this JVM. */
@Command(name = "load", sortOptions = false,
        description = {"Run a Gatling simulation against a target (exit 1 when an assertion fails).",
                "Runs SIMULATION (default MailDay) in this process and prints where its HTML report and run-record.json are.",
                "Bundled: MailDay, SmtpConstantRate, SmtpSessions, Pop3Drain, SmtpBurst, SmtpIdleSessions (see simulations/README.md)."},
        footer = {"", "Exit status: 0 passed, 1 an assertion failed, 2 bad input (a setting, an unreachable target)."})
final class LoadCommand implements Callable<Integer> {
    /** Where bundled simulations live: a bare name is looked up there. */
    static final String BUNDLED_PACKAGE = "io.mailharness.simulations.";

    @ParentCommand
    Mailharness mailharness;

    @Parameters(index = "0", arity = "0..1", defaultValue = "MailDay", paramLabel = "SIMULATION",
            description = "a bundled simulation's name or a simulation class name (default: ${DEFAULT-VALUE})")
    String simulation;

    @Option(names = "--out", paramLabel = "DIR",
            description = "results folder; the run gets a folder of its own in it (default: results/load)")
    Path out;

    @Mixin
    TargetOptions target;

    @Override
    public Integer call() {
        target.apply();
        Path results = out != null ? out : Installation.results().resolve("load");
        return SimulationLauncher.run(simulationClass(simulation), results, mailharness.out, mailharness.err).status();
    }

    static String simulationClass(String name) {
        return name.contains(".") ? name : BUNDLED_PACKAGE + name;
    }
}
