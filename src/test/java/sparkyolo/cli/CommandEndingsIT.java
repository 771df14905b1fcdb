package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;
import sparkyolo.testing.SharedFixtures;

/**
 * How bin/spark-yolo ends when something goes wrong, as a user sees it: a refused option is one line
 * on standard error before Spark starts, and Ctrl-C (SIGINT) stops training cleanly with the command
 * that continues it.
 */
class CommandEndingsIT {
    static final Pattern RESUME = Pattern.compile("resume with: spark-yolo train --resume (\\S+) \\(continues at epoch (\\d+), batch (\\d+)\\)");

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void aRefusedOptionIsOneLineOnStandardErrorAndLeavesNoRunFolder() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder("bin/spark-yolo", "train", "--optimizer", "Foo", "--project",
                tmp.resolve("runs").toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue());
        assertEquals("", Files.readString(out), "nothing on standard output");
        List<String> lines = Files.readAllLines(err);
        assertEquals("spark-yolo train: error: Invalid value for option '--optimizer': expected one of SGD, Adam, AdamW"
                + " but was 'Foo'", lines.get(0));
        assertFalse(Files.exists(tmp.resolve("runs")), "no run folder for a refused run");

        pb.command("bin/spark-yolo", "train", "--epochs", "0", "--project", tmp.resolve("runs").toString());
        p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue());
        assertEquals(List.of("spark-yolo train: error: --epochs must be at least 1, got 0"), Files.readAllLines(err));
        assertFalse(Files.exists(tmp.resolve("runs")));
    }

    @Test
    @Timeout(900)
    void ctrlCInMidEpochAndAfterACheckpointStopsCleanlyAndThePrintedCommandContinues() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process tree (the build was started in the background"
                + " by a shell without job control, e.g. with nohup or &): its children cannot be sent Ctrl-C");
        Path runs = tmp.resolve("runs");
        List<String> train = List.of("bin/spark-yolo", "train", "--data",
                SharedFixtures.coco128().resolve("coco128.yaml").toString(), "--img", "128", "--batch-size", "8",
                "--epochs", "3", "--workers", "1", "--noval", "--noautoanchor", "--noplots", "--project", runs.toString());

        // In the first epoch: nothing saved yet.
        Interrupted first = interruptAt(withName(train, "early"), Pattern.compile("\\b0/2\\s+10/16 batches"));
        assertEquals(130, first.code(), first.output());
        assertTrue(first.lastLine().startsWith("spark-yolo train: Interrupted by SIGINT in epoch 0/2 at batch "),
                first.output());
        assertTrue(first.lastLine().endsWith("; nothing was saved yet"), first.lastLine());
        assertFalse(first.output().contains("\tat "), "no stack trace on the terminal: " + first.output());
        assertFalse(Files.exists(runs.resolve("early/weights/last.npz")));
        assertNoTemporaryFiles(runs);
        assertFalse(first.output().contains("running it again"), "a cancelled epoch is not retried: " + first.output());

        // In the second epoch: epoch 0's checkpoint continues the run.
        Interrupted second = interruptAt(withName(train, "later"), Pattern.compile("\\b1/2\\s+10/16 batches"));
        assertEquals(130, second.code(), second.output());
        Matcher m = RESUME.matcher(second.lastLine());
        assertTrue(second.lastLine().startsWith("spark-yolo train: Interrupted by SIGINT in epoch 1/2 at batch ")
                && m.find(), second.output());
        assertEquals("1", m.group(2), "continues with epoch 1");
        assertEquals("0", m.group(3));
        assertFalse(second.output().contains("\tat "), "no stack trace on the terminal: " + second.output());
        assertNoTemporaryFiles(runs);
        assertEquals(2, Files.readAllLines(runs.resolve("later/results.csv")).size(), "header + epoch 0");

        Scripts.Result resumed = Scripts.run(Map.of(), tmp.resolve("resume.log"), Duration.ofMinutes(10),
                List.of("bin/spark-yolo", "train", "--resume", m.group(1)));
        assertEquals(0, resumed.code(), resumed.output());
        assertEquals(4, Files.readAllLines(runs.resolve("later/results.csv")).size(), "header + epochs 0, 1, 2");
        assertNoTemporaryFiles(runs);
    }

    record Interrupted(int code, String output, String lastLine) {
    }

    private static List<String> withName(List<String> command, String name) {
        List<String> out = new ArrayList<>(command);
        out.addAll(List.of("--name", name));
        return out;
    }

    /** Runs {@code command}, sends SIGINT once its output matches {@code when}, and waits for its end. */
    private Interrupted interruptAt(List<String> command, Pattern when) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "train", ".log");
        Process p = Scripts.start(Map.of(), log, command);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
            while (!when.matcher(Files.readString(log, StandardCharsets.UTF_8)).find()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail("never reached " + when + ":\n" + Files.readString(log));
                }
                Thread.sleep(200);
            }
            // bin/spark-yolo execs down to the driver's JVM: the process itself gets the signal.
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                fail("still running 2 minutes after SIGINT:\n" + Files.readString(log));
            }
        } finally {
            Scripts.stop(p);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return new Interrupted(p.exitValue(), output, lines.get(lines.size() - 1));
    }

    /**
     * Whether this JVM inherited SIGINT as ignored (bit 2 of /proc's SigIgn mask): a child then
     * starts with it ignored too, and the JVM installs no handler for an ignored SIGINT.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring(7).trim(), 16) & (1L << 1)) != 0);
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            List<Path> tmp = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        }
    }
}
