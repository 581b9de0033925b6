package io.mailharness.pages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetNamesMainTest {
    @TempDir
    Path dir;

    private static String target(String name) {
        return name + " { domain = \"mh.test\", smtp { host = \"127.0.0.1\", port = 2525 }, pop3 { host = \"127.0.0.1\", port = 2110 },\n"
                + "  accounts = [ { address = \"a@mh.test\", user = \"a\", password = \"p\" } ] }\n";
    }

    @Test
    void printsTheTargetNamesInFileOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.conf"), "targets {\n" + target("zeta") + target("alpha") + "}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TargetNamesMain.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("zeta\nalpha\n", out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TargetNamesMain.run(new String[] {dir.resolve("none.conf").toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("target-names: ") && message.lines().count() == 1, message);
    }
}
