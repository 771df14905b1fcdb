package sparkyolo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;

/** submit/standalone.sh against a real standalone cluster: a Master and a Worker JVM on this machine. */
class StandaloneIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void trainsTwoReplicasWithTheDriverOnAWorker() throws Exception {
        // 1 core for the driver, 1 per executor; 1 GB heap each.
        try (StandaloneCluster cluster = new StandaloneCluster(dir, 3, "4g")) {
            String run = dir.resolve("runs/standalone").toString();
            Scripts.Result r = Scripts.run(StandaloneCluster.ENV, dir.resolve("submit.log"), Duration.ofSeconds(180), List.of(
                    "submit/standalone.sh", "--master", cluster.masterUrl, "--deploy-mode", "cluster",
                    "--conf", "spark.standalone.submit.waitAppCompletion=true",
                    "--executor-cores", "1", "--total-executor-cores", "2", "--executor-memory", "1g",
                    "--conf", "spark.scheduler.barrier.maxConcurrentTasksCheck.interval=1s",
                    "--", "train", "--replicas", "2", "--epochs", "1", "--batch-size", "2", "--img", "128",
                    "--noval", "--noplots", "--data", Path.of("data/coco-sample/coco-sample.yaml").toAbsolutePath().toString(),
                    "--project", dir.resolve("runs").toString(), "--name", "standalone"));
            assertEquals(0, r.code(), r.output() + cluster.logs());
            try {
                TrainRunChecks.assertOneEpochWithTwoReplicas(run, new Configuration());
            } catch (AssertionError | IOException e) {
                throw new AssertionError(e.getMessage() + "\n" + r.output() + cluster.logs(), e);
            }
        }
    }
}
