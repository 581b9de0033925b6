package io.mailharness.image;

import io.mailharness.image.ImageArchive.ImageConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image's layers applied into a folder of this host, and how to run its programs from there without a
 * container runtime: a path of the image becomes the same path under the folder, and a program runs through
 * the image's own dynamic loader with the image's own C libraries (only the kernel is this host's).
 */
final class UnpackedImage {
    /** An entry of the image's file system as its layers describe it. */
    record Entry(int uid, int gid, int mode, boolean directory) {}

    /** An absolute path inside a command line, an argument file or an environment variable's value. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(^|[\\s:=])(/[^\\s:=]+)");
    private static final Pattern RESOLVED_LIBRARY = Pattern.compile("=> (\\S+) \\(");
    private static final Pattern MISSING_LIBRARY = Pattern.compile("^\\s*(\\S+) => not found", Pattern.MULTILINE);

    private final Path root;
    private final ImageConfig config;
    private final Map<String, Entry> entries;

    UnpackedImage(Path root, ImageConfig config, Map<String, Entry> entries) {
        if (config.entrypoint().isEmpty()) throw new IllegalArgumentException("the image has no entrypoint");
        this.root = root.toAbsolutePath();
        this.config = config;
        this.entries = entries;
    }

    /** The entry at an absolute path of the image, or null. */
    Entry entry(String imagePath) {
        return entries.get(normalize(imagePath));
    }

    /** Where an absolute path of the image is on this host. */
    Path hostPath(String imagePath) {
        return inside(root, imagePath);
    }

    /** Where the image finds a program named on a command line: as given when absolute, else along its PATH. */
    String programPath(String program) {
        if (program.startsWith("/")) return program;
        for (String folder : config.env().getOrDefault("PATH", "").split(":")) {
            String candidate = folder + "/" + program;
            Entry entry = entry(candidate);
            if (entry != null && !entry.directory() && (entry.mode() & 0111) != 0) return candidate;
        }
        throw new AssertionError("'" + program + "' is on no folder of the image's PATH " + config.env().get("PATH"));
    }

    /**
     * A process running the image's entrypoint with these arguments, as the image's user would see it: the image's
     * environment only, its working folder, its loader and libraries. Relocated argument files go to {@code scratch}.
     */
    ProcessBuilder entrypoint(List<String> arguments, Path scratch) throws IOException {
        List<String> entrypoint = config.entrypoint();
        List<String> command = new ArrayList<>(loaderCommand(hostPath(programPath(entrypoint.get(0)))));
        for (String argument : entrypoint.subList(1, entrypoint.size())) command.add(relocateArgument(argument, scratch));
        command.addAll(arguments);
        ProcessBuilder process = new ProcessBuilder(command).directory(hostPath(config.workingDir()).toFile());
        process.environment().clear();
        config.env().forEach((name, value) -> process.environment().put(name, relocate(value)));
        return process;
    }

    /**
     * The shared libraries a program of the image names that its loader resolves outside the image, or cannot
     * resolve at all (a library of the Java runtime that it loads itself does not count).
     */
    List<String> librariesMissingFor(String imagePath) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(loaderCommand(hostPath(imagePath)));
        command.add(command.size() - 1, "--list");
        Path output = Files.createTempFile("loader-list-", ".txt");
        String listing;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the loader did not list " + imagePath + " in 30 s");
            }
            listing = Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
        List<String> missing = new ArrayList<>();
        Matcher resolved = RESOLVED_LIBRARY.matcher(listing);
        while (resolved.find()) {
            if (!Path.of(resolved.group(1)).toAbsolutePath().normalize().startsWith(root)) missing.add(resolved.group(1) + " (outside the image)");
        }
        Matcher notFound = MISSING_LIBRARY.matcher(listing);
        while (notFound.find()) {
            if (!isInJavaRuntime(notFound.group(1))) missing.add(notFound.group(1) + " (not found)");
        }
        return missing;
    }

    /** The image's ELF programs and libraries under a folder, as absolute image paths. */
    List<String> elfFilesUnder(String imageFolder) throws IOException {
        String prefix = normalize(imageFolder) + "/";
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(prefix) && !entry.getValue().directory() && ElfFile.is(hostPath(entry.getKey()))) {
                files.add("/" + entry.getKey());
            }
        }
        return files;
    }

    /**
     * The image's dynamic loader (the one its entrypoint's program names in its ELF header) running a program or
     * library of the image, with only the image's library folders.
     */
    private List<String> loaderCommand(Path program) throws IOException {
        String loader = ElfFile.interpreter(hostPath(programPath(config.entrypoint().get(0))));
        return List.of(hostPath(loader).toString(), "--inhibit-cache", "--library-path", String.join(":", libraryFolders()),
                program.toString());
    }

    /** Folders of the image holding shared libraries, apart from the Java runtime's own. */
    private List<String> libraryFolders() {
        Set<String> folders = new TreeSet<>();
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue().directory() || !name.matches(".*/lib[^/]*\\.so(\\.[0-9]+)*") || inJavaHome(name)) continue;
            folders.add(hostPath(name.substring(0, name.lastIndexOf('/'))).toString());
        }
        return new ArrayList<>(folders);
    }

    private boolean isInJavaRuntime(String library) {
        return entries.keySet().stream().anyMatch(name -> inJavaHome(name) && name.endsWith("/" + library));
    }

    private boolean inJavaHome(String name) {
        String javaHome = config.env().get("JAVA_HOME");
        return javaHome != null && name.startsWith(normalize(javaHome) + "/");
    }

    /** An argument file (@/path) is copied with its paths relocated; any other argument has its paths relocated. */
    private String relocateArgument(String argument, Path scratch) throws IOException {
        if (!argument.startsWith("@/")) return relocate(argument);
        String content = Files.readString(hostPath(argument.substring(1)));
        Path copy = Files.createTempFile(scratch, "argfile-", "");
        Files.writeString(copy, relocate(content));
        return "@" + copy;
    }

    /** Every absolute path in the text (a path of the image, since it comes from the image) put under the unpacked folder. */
    String relocate(String text) {
        Matcher matcher = ABSOLUTE_PATH.matcher(text);
        StringBuilder relocated = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(relocated, Matcher.quoteReplacement(matcher.group(1) + hostPath(matcher.group(2))));
        }
        return matcher.appendTail(relocated).toString();
    }

    /** Applies one layer entry as a container runtime does: a later layer's file replaces an earlier one's. */
    static void apply(Path root, TarArchiveEntry entry, InputStream content, Map<String, Entry> entries) throws IOException {
        String name = normalize(entry.getName());
        if (name.isEmpty()) return;
        Path file = inside(root, name);
        if (file.getFileName().toString().startsWith(".wh.")) {
            throw new IOException("a whiteout (" + name + "): Jib's layers only add files, and this reader only adds them");
        }
        Files.createDirectories(file.getParent());
        if (entry.isDirectory()) {
            Files.createDirectories(file);
        } else {
            if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(file);
            if (entry.isSymbolicLink()) {
                String target = entry.getLinkName();
                Files.createSymbolicLink(file, target.startsWith("/") ? inside(root, target) : Path.of(target));
            } else if (entry.isLink()) {
                Files.copy(inside(root, entry.getLinkName()), file);
            } else {
                Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!entry.isSymbolicLink()) Files.setPosixFilePermissions(file, permissions(entry.getMode(), entry.isDirectory()));
        entries.put(name, new Entry((int) entry.getLongUserId(), (int) entry.getLongGroupId(), entry.getMode() & 07777, entry.isDirectory()));
    }

    /** The mode's permissions, plus what this process needs as the folder's owner to go on unpacking into it. */
    private static Set<PosixFilePermission> permissions(int mode, boolean directory) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values();   // OWNER_READ .. OTHERS_EXECUTE: bits 8 .. 0
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) permissions.add(bits[i]);
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        if (directory) permissions.add(PosixFilePermission.OWNER_EXECUTE);
        return permissions;
    }

    /** The path a layer or manifest names, under {@code folder}; a name that would leave it is refused. */
    static Path inside(Path folder, String name) {
        Path path = folder.toAbsolutePath().resolve(normalize(name)).normalize();
        if (!path.startsWith(folder.toAbsolutePath().normalize())) throw new IllegalArgumentException("a path leaving the image: " + name);
        return path;
    }

    private static String normalize(String name) {
        String normalized = name;
        while (normalized.startsWith("./") || normalized.startsWith("/")) normalized = normalized.substring(normalized.startsWith("/") ? 1 : 2);
        while (normalized.endsWith("/")) normalized = normalized.substring(0, normalized.length() - 1);
        return normalized.equals(".") ? "" : normalized;
    }
}
