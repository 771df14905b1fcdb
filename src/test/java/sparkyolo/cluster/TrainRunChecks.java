package sparkyolo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What a finished one-epoch {@code train --replicas 2} run leaves in its run directory, on any Hadoop file system. */
final class TrainRunChecks {
    private TrainRunChecks() {
    }

    /** Checks the run and returns the lines of its replicas.csv (header, rank 0, rank 1). */
    static List<String> assertOneEpochWithTwoReplicas(String runDir, Configuration conf) throws IOException {
        Path run = new Path(runDir);
        FileSystem fs = run.getFileSystem(conf);
        assertTrue(fs.getFileStatus(new Path(run, "weights/last.npz")).getLen() > 1_000_000, "weights/last.npz");
        List<String> results = lines(fs, new Path(run, "results.csv"));
        assertEquals(2, results.size(), "header + 1 epoch: " + results);
        List<String> replicas = lines(fs, new Path(run, "replicas.csv"));
        assertEquals(3, replicas.size(), "header + 1 epoch x 2 replicas: " + replicas);
        assertTrue(replicas.get(1).startsWith("0,0,") && replicas.get(2).startsWith("0,1,"), replicas.toString());
        return replicas;
    }

    private static List<String> lines(FileSystem fs, Path file) throws IOException {
        try (var in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
