package io.mailharness.image;

import io.mailharness.image.ImageArchive.ImageConfig;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image tar the build wrote (image/target/mailharness-image.tar), taken apart as a container runtime
 * would: its configuration, its file system, and its entrypoint run from the unpacked layers on the image's
 * own Java runtime, loader and C libraries (this host lends only its kernel).
 */
class MailharnessImageTest {
    private static final Path TAR = Path.of(System.getProperty("mailharness.image.tar", "target/mailharness-image.tar"));
    private static final String NAME = System.getProperty("mailharness.image.name", "mailharness:unknown");
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final String MAIN_CLASS = "io.mailharness.cli.Mailharness";
    private static final String SHELL_COMMAND = "/usr/local/bin/mailharness";
    private static final int USER_ID = 65532;
    private static final Pattern RUN_RECORD_LINE = Pattern.compile("(?m)^Run record: (.+)$");

    @TempDir
    static Path folder;
    private static ImageArchive archive;
    private static UnpackedImage image;

    @BeforeAll
    static void unpack() throws IOException {
        assertTrue(Files.isRegularFile(TAR), "no image tar at " + TAR + " (mvn package builds it)");
        archive = ImageArchive.unpack(TAR, folder.resolve("archive"));
        image = archive.applyLayers(Files.createDirectories(folder.resolve("root")));
    }

    @Test
    void theImageIsNamedAfterTheBuildAndItsEntrypointRunsTheCommandLine() {
        assertEquals(List.of(NAME), archive.repoTags());
        List<String> entrypoint = archive.config().entrypoint();
        assertEquals("java", entrypoint.get(0), entrypoint::toString);
        assertEquals(MAIN_CLASS, entrypoint.get(entrypoint.size() - 1), entrypoint::toString);
        assertEquals("/opt/java/bin/java", image.programPath("java"));
    }

    @Test
    void itRunsAsANonRootUserWhoOwnsTheWorkingFolder() throws IOException {
        ImageConfig config = archive.config();
        assertEquals(USER_ID + ":" + USER_ID, config.user());
        assertEquals("/work", config.workingDir());
        assertEquals("/work", config.env().get("MAILHARNESS_HOME"), "results go under the working folder");
        assertTrue(account("/etc/passwd").startsWith("mailharness:x:" + USER_ID + ":" + USER_ID + ":"), "no account for the user in /etc/passwd");
        assertTrue(account("/etc/group").startsWith("mailharness:x:" + USER_ID + ":"), "no group for the user in /etc/group");
        UnpackedImage.Entry work = image.entry("/work");
        assertTrue(work.directory() && work.uid() == USER_ID && work.gid() == USER_ID && (work.mode() & 0700) == 0700, work::toString);
        assertEquals(01777, image.entry("/tmp").mode(), "/tmp is writable by all, sticky");
    }

    @Test
    void everyProgramOfTheImageFindsItsSharedLibrariesInTheImage() throws IOException, InterruptedException {
        List<String> programs = new ArrayList<>(image.elfFilesUnder(archive.config().env().get("JAVA_HOME")));
        programs.add("/bin/sh");
        assertTrue(programs.size() > 20, "too few ELF files found: " + programs);
        for (String program : programs) {
            assertEquals(List.of(), image.librariesMissingFor(program), program);
        }
    }

    @Test
    void theShellCommandRunsTheEntrypoint() throws IOException {
        assertEquals(SHELL_COMMAND, image.programPath("mailharness"));
        assertEquals("/bin/sh", image.programPath("/bin/sh"));
        String execLine = Files.readAllLines(image.hostPath(SHELL_COMMAND)).stream()
                .filter(line -> line.startsWith("exec ")).findFirst().orElseThrow(() -> new AssertionError("no exec line in " + SHELL_COMMAND));
        List<String> words = Arrays.asList(execLine.split("\\s+"));
        assertEquals("\"$@\"", words.get(words.size() - 1), execLine);
        assertEquals(archive.config().entrypoint(), words.subList(1, words.size() - 1), "the shell command and the entrypoint differ");
    }

    @Test
    void theJvmFlagsAreTheLaunchers() throws IOException {
        String flagsFile = archive.config().entrypoint().stream().filter(word -> word.startsWith("@") && word.endsWith("jvm-flags"))
                .findFirst().orElseThrow(() -> new AssertionError("no JVM flags file in the entrypoint"));
        List<String> flags = argumentFileWords(Files.readString(image.hostPath(flagsFile.substring(1))));
        String launcher = Files.readString(PROJECT.resolve("mailharness"));
        List<String> expected = new ArrayList<>(bashArray(launcher, "(?m)^JVM=\\(([^)]*)\\)"));
        if (runtimeFeatureVersion() >= 24) expected.addAll(bashArray(launcher, "-ge 24 \\]; then\\s+JVM\\+=\\(([^)]*)\\)"));
        assertEquals(expected, flags, "the image's JVM flags (image/src/main/resources/jvm-flags) and the launcher's (./mailharness) differ");
    }

    @Test
    void theEntrypointShowsHelpAndRunsAFiveSecondLoadOnTheImagesOwnRuntime() throws IOException, InterruptedException {
        Run help = run(List.of("--help"), Duration.ofSeconds(90));
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: mailharness") && help.output().contains("load"), help.output());

        Run load = run(List.of("load", "MailDay", "-Dmailharness.duration=5", "-Dmailharness.users=2"), Duration.ofMinutes(4));
        assertEquals(0, load.exit(), load.output());
        Matcher line = RUN_RECORD_LINE.matcher(load.output());
        assertTrue(line.find(), "no 'Run record:' line in\n" + load.output());
        Path record = Path.of(line.group(1).trim());
        assertTrue(record.startsWith(image.hostPath("/work/results/load")), record + " is not under the image's /work/results/load");
        RunRecord run = RunRecordFiles.read(record);
        assertEquals("MailDay", run.simulation());
        assertTrue(run.ledger().sent() > 0, run.ledger()::toString);
        assertEquals(0, run.ledger().lost(), run.ledger()::toString);
    }

    @Test
    void theKubernetesJobsRunThisImageThroughItsShellCommand() throws IOException {
        for (String manifest : List.of("injectors-job.yaml", "merge-job.yaml")) {
            String text = Files.readString(PROJECT.resolve("deploy").resolve("kubernetes").resolve(manifest));
            Matcher imageLine = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)\\s*$").matcher(text);
            assertTrue(imageLine.find(), manifest + " names no image");
            assertEquals(NAME, imageLine.group(1), manifest + " names another image than the build's");
            assertTrue(text.contains("[\"/bin/sh\", \"-c\"]"), manifest + " should run its script with the image's /bin/sh");
            assertTrue(Pattern.compile("(?m)^\\s*(exec )?mailharness (load|merge) ").matcher(text).find(), manifest + " should run 'mailharness'");
        }
    }

    private record Run(int exit, String output) {}

    /** The entrypoint with these arguments, bounded in time; the process is killed when it overruns. */
    private static Run run(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory(folder, "run-");
        Path output = scratch.resolve("output.txt");
        Process process = image.entrypoint(arguments, scratch).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the entrypoint with " + arguments + " did not end within " + timeout + ":\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String account(String file) throws IOException {
        return Files.readAllLines(image.hostPath(file)).stream().filter(line -> line.startsWith("mailharness:")).findFirst().orElse("");
    }

    private static int runtimeFeatureVersion() throws IOException {
        String release = Files.readString(image.hostPath(archive.config().env().get("JAVA_HOME") + "/release"));
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertTrue(version.find(), "no JAVA_VERSION in the runtime's release file");
        return Integer.parseInt(version.group(1));
    }

    /** The words of a java argument file, without its comment lines. */
    private static List<String> argumentFileWords(String content) {
        List<String> words = new ArrayList<>();
        for (String line : content.split("\n")) {
            if (!line.strip().startsWith("#") && !line.isBlank()) words.addAll(Arrays.asList(line.strip().split("\\s+")));
        }
        return words;
    }

    private static List<String> bashArray(String script, String regex) {
        Matcher array = Pattern.compile(regex).matcher(script);
        assertTrue(array.find(), "the launcher's JVM flags (" + regex + ") were not found in ./mailharness");
        List<String> words = new ArrayList<>(Arrays.asList(array.group(1).strip().split("\\s+")));
        assertFalse(words.isEmpty());
        return words;
    }
}
