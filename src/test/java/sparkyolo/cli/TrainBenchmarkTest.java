package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.LogCapture;

class TrainBenchmarkTest {
    @Test
    void trainsTheTimedBatchesInRoundsAndPrintsOneRowForThemAll() {
        List<String> lines;
        try (LogCapture log = new LogCapture(TrainBenchmark.class.getName(), Level.INFO)) {
            assertEquals(0, Main.execute("benchmark", "train", "--img", "64", "--batch-size", "2", "--workers", "1",
                    "--warmup", "1", "--batches", "3", "--rounds", "2"));
            List<String> all = log.messages();
            // from the title on (the capture also holds the engine's start line)
            lines = all.subList(all.size() - 4, all.size());
        }
        assertTrue(lines.get(0).endsWith(", 6 images in 2 round(s):"), lines.toString());
        String[] row = lines.get(2).trim().split("\\s+");
        assertEquals("SparkYOLO", row[0]);
        double rate = Double.parseDouble(row[1]);
        double seconds = Double.parseDouble(row[2]);
        // 6 images over the seconds printed, which are rounded to 0.01
        assertTrue(rate >= 6 / (seconds + 0.005) && rate <= 6 / (seconds - 0.005), lines.get(2));
        double parts = 0;
        for (int i = 3; i < row.length; i++) {
            parts += Double.parseDouble(row[i]);
        }
        assertTrue(parts <= seconds + 0.04, "the parts fit in the total: " + lines.get(2));
        assertEquals("(no --peer original: SparkYOLO alone)", lines.get(3));
    }

    @Test
    void refusesMoreRoundsThanTimedBatches() {
        assertEquals(2, Main.execute("benchmark", "train", "--batches", "3", "--rounds", "4"));
    }
}
