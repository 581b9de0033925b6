package io.mailharness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI recipes in examples/ci are YAML that users copy: every {@code ./mailharness COMMAND …} line in them
 * must name a command of the command line and only options that command has, and must parse as the command
 * line would parse it.
 */
class CiRecipesTest {
    private static final Path RECIPES = Path.of(System.getProperty("basedir", "."), "..", "examples", "ci").normalize();
    private static final String LAUNCHER = "./mailharness";
    /** The launcher's own command: it runs Maven with the arguments that follow, not the command line. */
    private static final String LAUNCHER_ONLY = "test";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml"})
    void everyMailharnessLineNamesARealCommandAndItsOptions(String recipe) throws IOException {
        List<List<String>> calls = mailharnessCalls(YAML.readTree(RECIPES.resolve(recipe).toFile()));
        Set<String> commands = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (List<String> call : calls) {
            problems.addAll(problems(call));
            if (!call.isEmpty()) commands.add(call.get(0));
        }
        assertEquals(List.of(), problems, recipe);
        // Both gates are there: conformance, and load + compare with a way to make the baseline.
        assertTrue(commands.containsAll(Set.of("conformance", "load", "compare", "promote-baseline")), recipe + " runs " + commands);
    }

    @Test
    void theCheckFindsAMisspelledCommandAnUnknownOptionAndAMissingArgument() {
        assertEquals(1, problems(words("compare --tolerance t.conf baselines/mail-day results/load")).size());
        assertEquals(1, problems(words("conformence --target staging")).size());
        assertEquals(1, problems(words("compare baselines/mail-day")).size());
        assertEquals(List.of(), problems(words("conformance --target-file ci/targets.conf --target=staging -Dmailharness.smtp.port=2526")));
    }

    @Test
    void shellSyntaxAroundACallIsNotPartOfIt() {
        List<List<String>> calls = calls("X=1 ./mailharness compare --out \"results/a b\" base cur || status=$?; echo done\n"
                + "cat x && ./mailharness promote-baseline \\\n  results/load baselines/x 2>&1 # note");
        assertEquals(List.of(List.of("compare", "--out", "results/a b", "base", "cur"),
                List.of("promote-baseline", "results/load", "baselines/x")), calls);
    }

    /** What is wrong with one call (the words after ./mailharness): nothing, or one line per problem. */
    private static List<String> problems(List<String> call) {
        String line = LAUNCHER + " " + String.join(" ", call);
        if (call.isEmpty()) return List.of(line + ": no command");
        if (call.get(0).equals(LAUNCHER_ONLY)) return List.of();
        CommandLine root = Mailharness.commandLine(quiet(), quiet());
        CommandLine command = root.getSubcommands().get(call.get(0));
        if (command == null) return List.of(line + ": no command '" + call.get(0) + "' (commands: " + root.getSubcommands().keySet() + ")");
        List<String> out = new ArrayList<>();
        CommandSpec spec = command.getCommandSpec();
        for (String word : call.subList(1, call.size())) {
            if (word.equals("--")) break;
            String option = optionName(word);
            if (option != null && spec.findOption(option) == null) out.add(line + ": '" + call.get(0) + "' has no option " + option);
        }
        if (out.isEmpty()) {
            try {
                root.parseArgs(call.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                out.add(line + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The option a word names: {@code --out} of {@code --out=DIR}, {@code -D} of {@code -Dkey=value}; null for a value. */
    private static String optionName(String word) {
        if (word.startsWith("--")) return word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        if (word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1))) return word.substring(0, 2);
        return null;
    }

    /** Every ./mailharness call in a YAML document: its text values are shell scripts (run:, script:, after_script:). */
    private static List<List<String>> mailharnessCalls(JsonNode node) {
        List<List<String>> out = new ArrayList<>();
        if (node.isTextual()) out.addAll(calls(node.asText()));
        node.forEach(child -> out.addAll(mailharnessCalls(child)));
        return out;
    }

    /** The calls in a shell script: the words after each ./mailharness up to the end of its simple command. */
    static List<List<String>> calls(String script) {
        // A GitHub expression is one value whatever spaces it holds.
        String text = script.replace("\\\n", " ").replaceAll("\\$\\{\\{[^}]*}}", "EXPRESSION");
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> words = words(line);
            for (int i = 0; i < words.size(); i++) {
                if (!words.get(i).equals(LAUNCHER)) continue;
                List<String> call = new ArrayList<>();
                for (int j = i + 1; j < words.size() && !isOperator(words.get(j)); j++) call.add(words.get(j));
                out.add(call);
            }
        }
        return out;
    }

    private static boolean isOperator(String word) {
        return Set.of("&&", "||", ";", "|", "&", ">", ">>", "2>", "2>&1", "<", "#", ")").contains(word)
                || word.startsWith(">") || word.startsWith("2>");
    }

    /**
     * One line split into shell words: quotes removed from quoted words, and the operators that end a simple
     * command ({@code ; && || | & > <}, a comment) as words of their own. Enough for recipe lines, not a shell.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                if (word == null) word = new StringBuilder();
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else if (";&|<>".indexOf(c) >= 0 || (c == '#' && word == null)) {
                boolean descriptor = word != null && (c == '>' || c == '<') && word.chars().allMatch(Character::isDigit); // 2>…
                if (word != null && !descriptor) words.add(word.toString());
                word = null;
                int end = i + 1;
                while (end < line.length() && ";&|<>".indexOf(line.charAt(end)) >= 0) end++;
                words.add(line.substring(i, end));
                if (c == '#') return words;
                i = end - 1;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
