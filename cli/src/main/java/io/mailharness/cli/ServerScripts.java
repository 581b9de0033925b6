package io.mailharness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real servers of {@code servers/}, through their script {@code mailharness-servers}: which there are,
 * installing, starting, stopping, and the exact version behind a target.
 */
final class ServerScripts {
    /** The script's usage line lists the servers in start order: {@code (NAME: postfix-dovecot exim … | all)}. */
    private static final Pattern NAMES = Pattern.compile("\\(NAME: ([^|)]*)\\| all\\)");

    private final Path script;

    ServerScripts(Path script) {
        this.script = script;
    }

    /** Every server the script knows, in start order. */
    List<String> names() throws IOException, InterruptedException {
        Matcher matcher = NAMES.matcher(output(List.of()).text());
        if (!matcher.find()) throw new IOException("cannot list the servers of " + script);
        return Arrays.stream(matcher.group(1).trim().split("\\s+")).filter(name -> !name.isEmpty()).toList();
    }

    /** Runs an action, its output shown as it comes; true when it succeeded for every server. */
    boolean run(String action, List<String> names) throws IOException, InterruptedException {
        return new ProcessBuilder(command(action, names)).inheritIO().start().waitFor() == 0;
    }

    boolean running(String name) throws IOException, InterruptedException {
        return output(List.of("status", name)).status() == 0;
    }

    /**
     * The version of the server behind a target. The script knows servers, not targets, so the target's name
     * is tried first, then shorter dash-prefixes (postfix-dovecot-tls, then postfix-dovecot).
     */
    Optional<String> version(String target) throws IOException, InterruptedException {
        if (!Files.isExecutable(script)) return Optional.empty();
        for (String name = target; !name.isEmpty(); name = name.contains("-") ? name.substring(0, name.lastIndexOf('-')) : "") {
            Output output = output(List.of("version", name));
            String line = output.text().strip();
            if (output.status() == 0 && !line.isEmpty()) {
                int colon = line.indexOf(": ");
                return Optional.of(colon < 0 ? line : line.substring(colon + 2));
            }
        }
        return Optional.empty();
    }

    private List<String> command(String action, List<String> names) {
        List<String> command = new ArrayList<>(List.of(script.toString(), action));
        command.addAll(names);
        return command;
    }

    private record Output(int status, String text) {}

    private Output output(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(process.waitFor(), text);
    }
}
