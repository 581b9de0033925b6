package io.mailharness.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An image tarball in the format 'docker save' writes and 'docker load' reads (what Jib's buildTar makes):
 * manifest.json names the image, its configuration file and its layers, bottom first.
 */
record ImageArchive(List<String> repoTags, ImageConfig config, List<Path> layers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Unpacks the tarball into {@code folder} (configuration and layer files, not yet the layers' contents). */
    static ImageArchive unpack(Path tar, Path folder) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.isFile()) continue;
                Path file = UnpackedImage.inside(folder, entry.getName());
                Files.createDirectories(file.getParent());
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        JsonNode manifest = JSON.readTree(folder.resolve("manifest.json").toFile());
        if (!manifest.isArray() || manifest.size() != 1) throw new IOException("manifest.json should describe one image: " + manifest);
        JsonNode image = manifest.get(0);
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        List<Path> layers = new ArrayList<>();
        image.path("Layers").forEach(layer -> layers.add(UnpackedImage.inside(folder, layer.asText())));
        return new ImageArchive(tags, ImageConfig.read(JSON.readTree(UnpackedImage.inside(folder, image.path("Config").asText()).toFile())), layers);
    }

    /**
     * Applies the layers in order into {@code root}, as a container runtime would; file modes are kept, owners
     * (which only root could set) are recorded in the returned image instead.
     */
    UnpackedImage applyLayers(Path root) throws IOException {
        Map<String, UnpackedImage.Entry> entries = new LinkedHashMap<>();
        for (Path layer : layers) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(layerStream(layer))) {
                for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                    UnpackedImage.apply(root, entry, in, entries);
                }
            }
        }
        return new UnpackedImage(root, config, entries);
    }

    /** Jib writes gzipped layers, 'docker save' plain ones: the first two bytes tell. */
    private static InputStream layerStream(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer));
        in.mark(2);
        boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzipped ? new GZIPInputStream(in) : in;
    }

    /** The parts of the image configuration ('config' in the configuration file) that say how it runs. */
    record ImageConfig(List<String> entrypoint, List<String> cmd, Map<String, String> env, String user, String workingDir) {
        static ImageConfig read(JsonNode file) {
            JsonNode config = file.path("config");
            Map<String, String> env = new LinkedHashMap<>();
            config.path("Env").forEach(variable -> {
                String[] nameValue = variable.asText().split("=", 2);
                env.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            });
            return new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")), env,
                    config.path("User").asText(""), config.path("WorkingDir").asText(""));
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(value -> values.add(value.asText()));
            return values;
        }
    }
}
