package io.mailharness.cli.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale-out manifests in deploy/kubernetes: the injector Job is checked against a JSON schema of the
 * batch/v1 Job fields we rely on, plus what a schema cannot say (INJECTORS equals completions, every
 * mount names a volume, the merge Job reads the same claim).
 */
class KubernetesManifestTest {
    private static final Path MANIFESTS = Path.of(System.getProperty("basedir", "."), "..", "deploy", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theInjectorJobPassesTheSchema() throws IOException {
        List<Error> errors = schema().validate(injectorJob());
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void brokenInjectorJobsFailTheSchema() throws IOException {
        assertInvalid("completionMode missing", job -> spec(job).remove("completionMode"));
        assertInvalid("not Indexed", job -> spec(job).put("completionMode", "NonIndexed"));
        assertInvalid("completions zero", job -> spec(job).put("completions", 0));
        assertInvalid("parallelism as text", job -> spec(job).put("parallelism", "four"));
        assertInvalid("typo in a spec field", job -> spec(job).set("completionsMode", spec(job).remove("completionMode")));
        assertInvalid("no image", job -> container(job).remove("image"));
        assertInvalid("no command", job -> container(job).remove("command"));
        assertInvalid("env entry without value", job -> ((ObjectNode) container(job).get("env").get(0)).remove("value"));
        assertInvalid("no volumes", job -> podSpec(job).remove("volumes"));
        assertInvalid("restartPolicy Always", job -> podSpec(job).put("restartPolicy", "Always"));
        assertInvalid("wrong kind", job -> job.put("kind", "Deployment"));
        assertInvalid("wrong apiVersion", job -> job.put("apiVersion", "batch/v1beta1"));
    }

    @Test
    void theInjectorJobNumbersInjectorsFromTheCompletionIndex() throws IOException {
        ObjectNode job = injectorJob();
        int completions = spec(job).get("completions").asInt();
        assertEquals(completions, spec(job).get("parallelism").asInt(), "all injectors run at once");
        assertEquals(String.valueOf(completions), env(container(job), "INJECTORS"), "INJECTORS must equal completions");
        String script = container(job).get("args").get(0).asText();
        assertTrue(script.contains("-Dmailharness.injector=$((JOB_COMPLETION_INDEX + 1))/$INJECTORS"), script);
        assertTrue(script.contains("MAILHARNESS_RESULTS=\"/results/$RUN_NAME/injector-$JOB_COMPLETION_INDEX\""), script);
        assertMountsNameVolumes(job);
    }

    @Test
    void theMergeJobReadsTheSameResultsClaimAndRunName() throws IOException {
        ObjectNode injectors = injectorJob();
        ObjectNode merge = (ObjectNode) YAML.readTree(MANIFESTS.resolve("merge-job.yaml").toFile());
        assertEquals("batch/v1", merge.get("apiVersion").asText());
        assertEquals("Job", merge.get("kind").asText());
        assertEquals(claim(injectors), claim(merge));
        assertEquals(env(container(injectors), "RUN_NAME"), env(container(merge), "RUN_NAME"));
        assertEquals(container(injectors).get("image"), container(merge).get("image"), "both Jobs run the same image");
        assertTrue(container(merge).get("args").get(0).asText().contains("mailharness merge --out \"/results/$RUN_NAME/merged/run-record.json\""));
        assertMountsNameVolumes(merge);
        JsonNode volume = YAML.readTree(MANIFESTS.resolve("results-volume.yaml").toFile());
        assertEquals(claim(injectors), volume.get("metadata").get("name").asText());
        assertEquals("ReadWriteMany", volume.get("spec").get("accessModes").get(0).asText());
    }

    private static void assertInvalid(String what, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode job = injectorJob();
        breakIt.accept(job);
        assertFalse(schema().validate(job).isEmpty(), "the schema should reject: " + what);
    }

    private static void assertMountsNameVolumes(ObjectNode job) {
        Set<String> volumes = new HashSet<>();
        podSpec(job).get("volumes").forEach(volume -> volumes.add(volume.get("name").asText()));
        for (JsonNode mount : container(job).get("volumeMounts")) {
            assertTrue(volumes.contains(mount.get("name").asText()), "mount " + mount + " names no volume");
        }
    }

    private static String claim(ObjectNode job) {
        for (JsonNode volume : podSpec(job).get("volumes")) {
            if (volume.get("name").asText().equals("results")) return volume.get("persistentVolumeClaim").get("claimName").asText();
        }
        throw new AssertionError("no results volume");
    }

    private static String env(ObjectNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (variable.get("name").asText().equals(name)) return variable.get("value").asText();
        }
        throw new AssertionError("no env " + name);
    }

    private static Schema schema() throws IOException {
        try (InputStream in = KubernetesManifestTest.class.getResourceAsStream("/kubernetes/indexed-job.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(new ObjectMapper().readTree(in));
        }
    }

    private static ObjectNode injectorJob() throws IOException {
        Path file = MANIFESTS.resolve("injectors-job.yaml");
        assertTrue(Files.isRegularFile(file), "missing " + file.toAbsolutePath());
        return (ObjectNode) YAML.readTree(file.toFile());
    }

    private static ObjectNode spec(ObjectNode job) {
        return (ObjectNode) job.get("spec");
    }

    private static ObjectNode podSpec(ObjectNode job) {
        return (ObjectNode) job.get("spec").get("template").get("spec");
    }

    private static ObjectNode container(ObjectNode job) {
        return (ObjectNode) ((ArrayNode) podSpec(job).get("containers")).get(0);
    }
}
