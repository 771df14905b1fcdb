package sparkyolo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;

/** submit/yarn.sh against YARN and HDFS mini clusters: data, checkpoints and results all on hdfs://. */
class YarnIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void trainsTwoReplicasInClusterDeployModeReadingAndWritingHdfs() throws Exception {
        // Driver (application master) and 2 executors: 3 x (1024 MB heap + 384 MB overhead).
        try (YarnOnHdfs cluster = new YarnOnHdfs(dir, 5120)) {
            String hdfs = cluster.hdfs();
            FileSystem fs = FileSystem.get(cluster.conf);
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/coco-sample").toAbsolutePath().toUri()),
                    new org.apache.hadoop.fs.Path("/data/coco-sample"));
            Scripts.Result r = Scripts.run(Map.of("HADOOP_CONF_DIR", cluster.confDir.toString()),
                    dir.resolve("submit.log"), Duration.ofSeconds(240), List.of("submit/yarn.sh", "--deploy-mode", "cluster",
                            // Spark's jars from this machine's Spark home instead of an upload with every job.
                            "--conf", "spark.yarn.jars=local:" + Scripts.SPARK_HOME + "/jars/*",
                            // Containers get the NodeManager's environment, not the launcher's: loopback there too.
                            "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                            "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                            // The UI's YARN proxy filter comes from a NodeManager's Hadoop class path, which the mini
                            // cluster's containers lack.
                            "--conf", "spark.ui.enabled=false",
                            "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "1g", "--driver-memory", "1g",
                            "--conf", "spark.yarn.maxAppAttempts=1",
                            "--conf", "spark.scheduler.barrier.maxConcurrentTasksCheck.interval=1s",
                            "--", "train", "--replicas", "2", "--epochs", "1", "--batch-size", "2", "--img", "128",
                            "--noval", "--noplots", "--noautoanchor", "--data", hdfs + "/data/coco-sample/coco-sample.yaml",
                            "--project", hdfs + "/runs", "--name", "yarn"));
            assertEquals(0, r.code(), r.output() + cluster.containerLogs());
            assertSucceeded(cluster, r.output());
            TrainRunChecks.assertOneEpochWithTwoReplicas(hdfs + "/runs/yarn", cluster.conf);
        }
    }

    private static void assertSucceeded(YarnOnHdfs cluster, String output) throws IOException, org.apache.hadoop.yarn.exceptions.YarnException {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(cluster.conf);
            yarn.start();
            List<ApplicationReport> apps = yarn.getApplications();
            assertEquals(1, apps.size(), output);
            assertEquals(FinalApplicationStatus.SUCCEEDED, apps.get(0).getFinalApplicationStatus(), output);
        }
    }
}
