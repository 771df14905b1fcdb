package sparkyolo.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks are Zeppelin 0.10 notes in their never-run state, as Zeppelin's own loader
 * (zeppelin-zengine's Note.fromJson) reads them. The loader runs in a JVM of its own with
 * target/zeppelin-lib on its classpath (copied there by the build), away from Spark's jars.
 */
class NotebookFormatTest {
    static final Path LIB = Path.of("target/zeppelin-lib");
    static final Path CHECKER = Path.of("src/test/zeppelin/NoteCheck.java");
    static final Set<String> INTERPRETERS = Set.of("md", "spark", "spark.sql");
    static final Set<String> GRAPH_MODES = Set.of("table", "multiBarChart", "lineChart", "pieChart");

    @TempDir
    Path tmp;

    /** What the checker printed and how it exited. */
    record Check(int exit, List<String> lines) {
    }

    static Check zeppelinLoads(List<Path> files) throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(LIB), LIB + " is missing: the build copies it (mvn generate-test-resources)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", LIB + "/*", CHECKER.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the checker finished");
        return new Check(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void zeppelinLoadsEveryNotebookWithItsParagraphsReadyAndWithoutResults() throws Exception {
        List<Path> files = Notebook.all();
        assertEquals(3, files.size(), "training run, dataset and detections: " + files);
        Check check = zeppelinLoads(files);
        assertEquals(0, check.exit(), String.join("\n", check.lines()));
        for (Path f : files) {
            Notebook n = Notebook.read(f);
            assertTrue(check.lines().contains(String.join("\t", "NOTE", n.id(), n.name(), String.valueOf(n.paragraphs().size()))),
                    f + " loaded whole: " + check.lines());
            for (Notebook.Paragraph p : n.paragraphs()) {
                assertTrue(check.lines().contains(String.join("\t", "PARAGRAPH", n.id(), p.id(), p.interpreter(), "READY",
                        "false")), f + ": paragraph " + p.id() + " is READY, without results, as Zeppelin reads it");
            }
        }
    }

    @Test
    void notebooksAreNamedAndLaidOutAsZeppelinSavesThem() throws Exception {
        Set<String> paragraphIds = new HashSet<>();
        for (Path f : Notebook.all()) {
            Notebook n = Notebook.read(f);
            assertEquals(n.name() + "_" + n.id() + ".zpln", f.getFileName().toString());
            assertTrue(n.id().matches("[A-Z0-9]{9}"), n.id());
            assertEquals("0.10.0", n.json().get("version").asText());
            assertEquals("spark", n.json().get("defaultInterpreterGroup").asText());
            for (JsonNode p : n.json().get("paragraphs")) {
                assertTrue(paragraphIds.add(p.get("id").asText()), "paragraph ids are unique: " + p.get("id"));
                assertTrue(p.get("id").asText().matches("paragraph_\\d{13}_-?\\d+"), p.get("id").asText());
                for (String runState : List.of("results", "dateStarted", "dateFinished", "errorMessage")) {
                    assertFalse(p.has(runState), f + ": never run, so no " + runState);
                }
                JsonNode chart = p.at("/config/results/0/graph/mode");
                assertTrue(chart.isMissingNode() || GRAPH_MODES.contains(chart.asText()), chart.asText());
            }
            for (Notebook.Paragraph p : n.paragraphs()) {
                assertTrue(INTERPRETERS.contains(p.interpreter()), f + ": " + p.interpreter());
            }
        }
    }

    @Test
    void aNoteZeppelinCannotLoadIsReported() throws Exception {
        Path good = Notebook.all().get(0);
        Path truncated = tmp.resolve("truncated.zpln");
        String json = Files.readString(good);
        Files.writeString(truncated, json.substring(0, json.length() / 2));
        Path wrongShape = tmp.resolve("wrong-shape.zpln");
        Files.writeString(wrongShape, "{\"paragraphs\": {\"text\": \"%spark\"}, \"name\": \"x\", \"id\": \"2XXXXXXXX\"}");
        Check check = zeppelinLoads(List.of(good, truncated, wrongShape));
        assertEquals(1, check.exit());
        assertEquals(2, check.lines().stream().filter(l -> l.startsWith("FAILED")).count(), String.join("\n", check.lines()));
        assertTrue(check.lines().stream().anyMatch(l -> l.startsWith("NOTE")), "the good note still loads");
    }
}
