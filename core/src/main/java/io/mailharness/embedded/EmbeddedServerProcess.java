package io.mailharness.embedded;

import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSelection;
import io.mailharness.settings.TargetSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded GreenMail as a process of its own, so that several injector processes can load one server.
 * Starts GreenMail on 127.0.0.1 (port 0: a free port), writes a target settings file naming the target
 * {@value TargetSelection#EMBEDDED_NAME} (written whole, through a temporary file, so a script may wait for
 * it to appear; never over a file it did not write, nor into a missing folder), prints it, then runs until its standard input closes, SIGTERM/SIGINT, or the time limit.
 * Status: 0 stopped, 2 the server could not start or the file could not be written.
 */
public final class EmbeddedServerProcess {
    /** How the settings file this command writes begins: only such a file is overwritten. */
    static final String MARK = "# Written by embedded-server";

    private EmbeddedServerProcess() {}

    /**
     * @param targetsFile the target settings file to write
     * @param smtpPort    SMTP port on 127.0.0.1, 0 for a free one
     * @param pop3Port    POP3 port on 127.0.0.1, 0 for a free one
     * @param accounts    how many disposable accounts to generate
     * @param maxSeconds  stop after this many seconds at the latest; 0: no limit
     * @param ignoreStdin do not stop when standard input closes (for a background process)
     */
    public record Options(Path targetsFile, int smtpPort, int pop3Port, int accounts, long maxSeconds, boolean ignoreStdin) {}

    public static int run(Options options, InputStream stdin, PrintStream out, PrintStream err) {
        String refusal = refusal(options.targetsFile());
        if (refusal != null) {
            err.println("mailharness embedded-server: " + refusal);
            return 2;
        }
        EmbeddedMailServer server;
        try {
            server = EmbeddedMailServer.start(options.smtpPort(), options.pop3Port(), options.accounts());
        } catch (RuntimeException e) {
            err.println("mailharness embedded-server: cannot start GreenMail: " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            server.close();
        }, "embedded-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            write(options.targetsFile(), hocon(server.settings(), Passwords.WRITTEN));
            out.print(hocon(server.settings(), Passwords.HIDDEN)); // the file has them; a console log must not
            out.println("# embedded-server: listening; settings in " + options.targetsFile().toAbsolutePath()
                    + (options.ignoreStdin() ? "" : "; close standard input") + " or send SIGTERM to stop"
                    + (options.maxSeconds() > 0 ? " (stops by itself after " + options.maxSeconds() + " s)" : ""));
            out.flush();
            if (!options.ignoreStdin()) watchStdin(stdin, stop);
            if (options.maxSeconds() > 0) stop.await(options.maxSeconds(), TimeUnit.SECONDS);
            else stop.await();
            return 0;
        } catch (IOException e) {
            err.println("mailharness embedded-server: cannot write " + options.targetsFile() + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the hook is running: it stops the server
            }
            out.println("# embedded-server: stopped");
            out.flush();
        }
    }

    /**
     * Why the settings file must not be written, or null. Everywhere else a target settings file is an
     * input: only an empty file or one this command wrote before (its first line is {@value #MARK}) is
     * replaced, and a missing folder is a mistyped path, not one to create.
     */
    static String refusal(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) return "--target-file " + file + ": folder " + folder + " does not exist";
        if (!Files.exists(file)) return null;
        if (!Files.isRegularFile(file)) return "--target-file " + file + " is not a regular file";
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.startsWith(MARK)) return null; // empty (say, made by mktemp) or written by this command
        } catch (IOException e) {
            // unreadable or not text: not a file this command wrote
        }
        return "--target-file " + file + " exists and was not written by embedded-server: name a new file (it is not overwritten)";
    }

    /** Ends the wait when standard input reaches end of file (its writer went away). */
    private static void watchStdin(InputStream stdin, CountDownLatch stop) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (stdin.read(buffer) >= 0) {
                    // input is ignored; only its end matters
                }
            } catch (IOException ignored) {
                // a broken stdin counts as closed
            }
            stop.countDown();
        }, "embedded-server-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether the settings text carries the accounts' passwords (the file) or stars (the console). */
    enum Passwords { WRITTEN, HIDDEN }

    /** The target settings file text, in the loader's format. */
    static String hocon(TargetSettings target, Passwords passwords) {
        StringBuilder b = new StringBuilder();
        b.append(MARK).append(": GreenMail in its own process, for multi-process load runs.\n");
        b.append("targets {\n  ").append(TargetSelection.EMBEDDED_NAME).append(" {\n");
        b.append("    description = ").append(quote("GreenMail (embedded-server process)")).append("\n");
        b.append("    domain = ").append(quote(target.domain())).append("\n");
        target.smtp().ifPresent(s -> b.append("    smtp { host = ").append(quote(s.endpoint().host())).append(", port = ").append(s.endpoint().port()).append(" }\n"));
        target.pop3().ifPresent(p -> b.append("    pop3 { host = ").append(quote(p.endpoint().host())).append(", port = ").append(p.endpoint().port()).append(" }\n"));
        b.append("    accounts = [\n");
        for (Account a : target.accounts()) {
            b.append("      { address = ").append(quote(a.address())).append(", user = ").append(quote(a.user()))
                    .append(", password = ").append(passwords == Passwords.WRITTEN ? quote(a.password()) : "\"****\"").append(", disposable = ").append(a.disposable()).append(" }\n");
        }
        b.append("    ]\n  }\n}\n");
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Whole or not at all, and readable by its owner only (0600): it holds the generated passwords. */
    private static void write(Path file, String text) throws IOException {
        io.mailharness.files.AtomicFiles.writePrivate(file, text);
    }
}
