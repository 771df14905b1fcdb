package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's progress bar follows replica 0's batches while the epoch's task runs. */
class TrainProgressBarTest {
    @TempDir
    Path tmp;

    @Test
    void showsBatchesFromExecutorHeartbeatsDuringTheEpoch() throws Exception {
        // Heartbeats carry running tasks' accumulator values; a short interval shows them within a tiny epoch.
        SparkSession.builder().master("local[2]").appName("progress").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.executor.heartbeatInterval", "500ms")
                .getOrCreate();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("train", "--project", tmp.toString(), "--name", "p", "--epochs", "1", "--batch-size", "2",
                    "--img", "128", "--workers", "1", "--replicas", "2", "--noautoanchor", "--noplots", "--noval");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, code);
        String shown = err.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("epoch 0/0 +\\d+% \\|[# ]+\\| (\\d+)/8 batches").matcher(shown);
        int updates = 0;
        int previous = -1;
        boolean midEpoch = false;
        while (m.find()) {
            int done = Integer.parseInt(m.group(1));
            assertTrue(done > previous, "batches only go forward: " + shown);
            midEpoch |= done > 0 && done < 8;
            previous = done;
            updates++;
        }
        assertEquals(8, previous, shown);
        assertTrue(midEpoch, "an update while the epoch ran: " + shown);
        assertTrue(updates >= 3, shown);
    }
}
