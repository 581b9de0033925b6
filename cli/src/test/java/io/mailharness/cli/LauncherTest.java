package io.mailharness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher {@code ./mailharness} answers help by itself, without a JDK or Maven: its usage text must list
 * exactly the commands of {@link Mailharness} (plus {@code test}, which is the launcher's own).
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("basedir", "."), "..", "mailharness").normalize();
    private static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z][a-z0-9-]*) {2,}\\S", Pattern.MULTILINE);

    @TempDir
    Path bin;

    @Test
    void theLaunchersUsageListsTheSameCommandsAsTheCommandLine() throws IOException {
        String script = Files.readString(LAUNCHER);
        String usage = script.substring(script.indexOf("<<'USAGE'"), script.indexOf("\nUSAGE\n"));
        TreeSet<String> listed = new TreeSet<>();
        Matcher matcher = COMMAND_LINE.matcher(usage.substring(usage.indexOf("Commands:")));
        while (matcher.find()) listed.add(matcher.group(1));

        TreeSet<String> commands = new TreeSet<>(Mailharness.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())).getSubcommands().keySet());
        commands.add("test");
        assertEquals(commands, listed);
    }

    @Test
    void theCommandsRunWithoutTheOptimisingCompilerExist() throws IOException {
        Matcher quick = Pattern.compile("(?m)^QUICK_COMMANDS=\"([^\"]*)\"$").matcher(Files.readString(LAUNCHER));
        assertTrue(quick.find(), "QUICK_COMMANDS in the launcher");
        Set<String> commands = Mailharness.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())).getSubcommands().keySet();
        for (String command : quick.group(1).split(" ")) assertTrue(commands.contains(command), command);
    }

    @Test
    void helpNeedsNeitherJavaNorMaven() throws IOException, InterruptedException {
        // A PATH with only the few tools the launcher's help uses: no java, no javac, no mvn.
        for (String tool : List.of("dirname", "readlink", "cat")) {
            Optional<Path> found = Stream.of("/usr/bin", "/bin").map(folder -> Path.of(folder, tool)).filter(Files::isExecutable).findFirst();
            assertTrue(found.isPresent(), tool + " not found");
            Files.createSymbolicLink(bin.resolve(tool), found.get());
        }
        for (String help : List.of("help", "--help", "")) {
            ProcessBuilder builder = new ProcessBuilder(help.isEmpty() ? List.of("/bin/bash", LAUNCHER.toString())
                    : List.of("/bin/bash", LAUNCHER.toString(), help)).redirectErrorStream(true);
            builder.environment().put("PATH", bin.toString());
            builder.environment().remove("JAVA_HOME");
            Process process = builder.start();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the launcher answered in time");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.startsWith("Usage: ./mailharness <command>") && output.contains("compare-servers"), output);
        }
    }
}
