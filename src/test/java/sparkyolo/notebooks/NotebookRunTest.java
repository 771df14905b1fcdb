package sparkyolo.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.cli.Main;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/**
 * Every code paragraph of every notebook, run as Zeppelin runs it against the outputs of real small
 * runs of prepare, train and detect on the bundled sample; and a paragraph that asks for a column
 * the outputs lack fails.
 */
class NotebookRunTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static ScalaRepl repl;
    static String prepared;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
        prepared = tmp.resolve("prepared").toString();
        assertEquals(0, Main.execute("prepare", "--source", "data/coco-sample/coco-sample.yaml", "--output", prepared,
                "--rows-per-file", "8"));
        repl = new ScalaRepl();
    }

    @AfterAll
    static void tearDown() {
        if (repl != null) {
            repl.close();
        }
    }

    static List<NotebookRunner.Result> run(Notebook notebook, Map<String, String> forms) {
        return run(notebook, forms, true);
    }

    /** @param rowsExpected whether a paragraph that shows no rows fails (false for outputs that hold nothing) */
    static List<NotebookRunner.Result> run(Notebook notebook, Map<String, String> forms, boolean rowsExpected) {
        NoteForms z = new NoteForms(forms);
        List<NotebookRunner.Result> results = new NotebookRunner(spark, repl, z, rowsExpected).run(notebook);
        assertEquals(List.copyOf(forms.keySet()), z.asked(), "the first code paragraph asks for the note form");
        return results;
    }

    static void assertAllPass(Notebook notebook, List<NotebookRunner.Result> results) {
        long code = notebook.paragraphs().stream().filter(p -> !p.interpreter().equals("md")).count();
        for (NotebookRunner.Result r : results) {
            assertTrue(r.ok(), notebook.name() + ": " + r.describe());
        }
        assertEquals(code, results.size(), notebook.name() + ": every code paragraph ran");
    }

    /** The form's default in the first code paragraph, as a user first sees it. */
    static String formDefault(Notebook notebook) {
        Matcher m = Pattern.compile("z\\.noteTextbox\\(\"\\w+\", \"([^\"]+)\"\\)").matcher(notebook.paragraphs().stream()
                .filter(p -> !p.interpreter().equals("md")).findFirst().orElseThrow().code());
        assertTrue(m.find(), notebook.name() + " starts with a note form");
        return m.group(1);
    }

    @Test
    void datasetNotebookRunsOnPrepareOutputs() throws Exception {
        Notebook notebook = Notebook.named("SparkYOLO-dataset");
        assertEquals("prepared/coco128", formDefault(notebook));
        assertAllPass(notebook, run(notebook, Map.of("preparedDir", prepared)));
    }

    @Test
    void trainingRunNotebookRunsOnATrainRun() throws Exception {
        String project = tmp.resolve("runs/train").toString();
        // Fine-tuned from pretrained weights, so that the final validation ranks classes (metrics.json per_class).
        assertEquals(0, Main.execute("train", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--project",
                project, "--epochs", "1", "--batch-size", "8", "--img", "128", "--workers", "1", "--noautoanchor",
                "--noplots"));
        Notebook notebook = Notebook.named("SparkYOLO-training-run");
        assertEquals("runs/train/exp", formDefault(notebook));
        assertAllPass(notebook, run(notebook, Map.of("runDir", project + "/exp")));
    }

    @Test
    void detectionsNotebookRunsOnADetectRunAndShowsEveryImage() throws Exception {
        String project = tmp.resolve("runs/detect").toString();
        assertEquals(0, Main.execute("detect", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--source",
                "data/coco-sample/images/train", "--img", "320", "--save-json", "--save-txt", "--project", project));
        Notebook notebook = Notebook.named("SparkYOLO-detections");
        assertEquals("runs/detect/exp", formDefault(notebook));
        List<NotebookRunner.Result> results = run(notebook, Map.of("runDir", project + "/exp"));
        assertAllPass(notebook, results);
        String gallery = results.get(results.size() - 1).output();
        assertTrue(gallery.contains("%html <div"), gallery);
        assertEquals(16, Pattern.compile("<img [^>]*src=\"data:image/jpeg;base64,/9j/").matcher(gallery).results().count(),
                "the 16 annotated JPEGs of the sample, inline");
    }

    @Test
    void detectionsNotebookRunsOnADetectRunThatFoundNothing() throws Exception {
        String project = tmp.resolve("runs/detect-nothing").toString();
        // Scores never exceed 1: the bundled weights find nothing, and predictions.json is an empty list.
        assertEquals(0, Main.execute("detect", "--source", "data/coco-sample/images/train", "--img", "160",
                "--conf-thres", "1", "--save-json", "--project", project));
        assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of(project, "exp", "predictions.json").toFile()).size());
        Notebook notebook = Notebook.named("SparkYOLO-detections");
        List<NotebookRunner.Result> results = run(notebook, Map.of("runDir", project + "/exp"), false);
        assertAllPass(notebook, results);
        assertEquals(0, results.stream().filter(r -> r.paragraph().title().equals("Detections per class")).findFirst()
                .orElseThrow().rows(), "no class found");
        String gallery = last(results).output();
        assertEquals(16, Pattern.compile(": 0 detections</figcaption>").matcher(gallery).results().count(),
                "every annotated image, none with a detection");
    }

    @Test
    void aParagraphAskingForAColumnTheOutputsLackFails() throws Exception {
        Notebook notebook = Notebook.named("SparkYOLO-dataset");
        assertFailsAt(notebook, "Images, boxes and background images", "background_images,", "background_boxes,",
                "background_boxes");
        assertFailsAt(notebook, "Read the Parquet rows (labels only)", "\"boxes\")", "\"boxes\", \"label_file\")",
                "label_file");
    }

    /** The notebook with {@code now} in place of {@code was} in one paragraph stops there, naming the missing column. */
    static void assertFailsAt(Notebook notebook, String title, String was, String now, String missing) {
        int index = indexOf(notebook, title);
        String code = notebook.paragraphs().get(index).code();
        assertTrue(code.contains(was), code);
        NotebookRunner.Result failure = last(run(notebook.withCode(index, code.replace(was, now)),
                Map.of("preparedDir", prepared)));
        assertFalse(failure.ok(), failure.describe());
        assertEquals(notebook.paragraphs().get(index).id(), failure.paragraph().id());
        assertTrue(failure.output().contains(missing), failure.output());
    }

    static int indexOf(Notebook notebook, String title) {
        for (int i = 0; i < notebook.paragraphs().size(); i++) {
            if (notebook.paragraphs().get(i).title().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no paragraph titled " + title);
    }

    static NotebookRunner.Result last(List<NotebookRunner.Result> results) {
        return results.get(results.size() - 1);
    }
}
