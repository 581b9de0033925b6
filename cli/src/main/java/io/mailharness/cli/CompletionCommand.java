package io.mailharness.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code mailharness completion}: a bash completion script for every command and option. */
@Command(name = "completion",
        description = {"Print a bash completion script.",
                "For bash (or zsh with bashcompinit): source <(./mailharness completion)"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("mailharness", spec.root().commandLine());
        mailharness.out.print(script);
        // The launcher is typed as ./mailharness more often than found on the PATH.
        mailharness.out.println("complete -F _complete_mailharness -o default ./mailharness");
        return ExitCode.OK;
    }
}
