package sparkyolo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;

/** submit/yarn.sh against YARN and HDFS mini clusters: data, checkpoints and results all on hdfs://, a GPU per executor. */
class YarnIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void trainsTwoReplicasWithAGpuEachInClusterDeployModeReadingAndWritingHdfs() throws Exception {
        // Driver (application master) and 2 executors: 3 x (1024 MB heap + 384 MB overhead); a GPU per executor.
        try (YarnOnHdfs cluster = new YarnOnHdfs(dir, 5120, 2)) {
            String hdfs = cluster.hdfs();
            FileSystem fs = FileSystem.get(cluster.conf);
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/coco-sample").toAbsolutePath().toUri()),
                    new org.apache.hadoop.fs.Path("/data/coco-sample"));
            // The launcher's discovery script travels with the job and runs nvidia-smi: this one reports GPU 0.
            Path fakeNvidiaSmi = Files.createDirectories(dir.resolve("fake-bin")).resolve("nvidia-smi");
            Files.writeString(fakeNvidiaSmi, "#!/usr/bin/env bash\necho 0\n");
            fakeNvidiaSmi.toFile().setExecutable(true);
            Scripts.Result r = Scripts.run(Map.of("HADOOP_CONF_DIR", cluster.confDir.toString()),
                    dir.resolve("submit.log"), Duration.ofSeconds(240), List.of("submit/yarn.sh", "--deploy-mode", "cluster",
                            // Spark's jars from this machine's Spark home instead of an upload with every job.
                            "--conf", "spark.yarn.jars=local:" + Scripts.SPARK_HOME + "/jars/*",
                            // Containers get the NodeManager's environment, not the launcher's: loopback there too.
                            "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                            "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                            "--conf", "spark.executorEnv.PATH=" + fakeNvidiaSmi.getParent() + ":/usr/bin:/bin",
                            // The UI's YARN proxy filter comes from a NodeManager's Hadoop class path, which the mini
                            // cluster's containers lack.
                            "--conf", "spark.ui.enabled=false",
                            "--executor-gpus", "1", "--num-executors", "2", "--executor-cores", "1",
                            "--executor-memory", "1g", "--driver-memory", "1g",
                            "--conf", "spark.yarn.maxAppAttempts=1",
                            "--conf", "spark.scheduler.barrier.maxConcurrentTasksCheck.interval=1s",
                            "--", "train", "--replicas", "2", "--gpus-per-replica", "1", "--epochs", "1",
                            "--batch-size", "2", "--img", "128", "--noval", "--noplots", "--noautoanchor", "--data", hdfs + "/data/coco-sample/coco-sample.yaml",
                            "--project", hdfs + "/runs", "--name", "yarn"));
            assertEquals(0, r.code(), r.output() + cluster.containerLogs());
            assertSucceeded(cluster, r.output());
            List<String> replicas = TrainRunChecks.assertOneEpochWithTwoReplicas(hdfs + "/runs/yarn", cluster.conf);
            for (String replica : replicas.subList(1, 3)) {
                // The CPU build of libtorch cannot use it, but each replica's task was given GPU 0 of its container.
                assertTrue(replica.endsWith("cpu() (assigned gpu 0)"), replica);
            }
        }
    }

    private static void assertSucceeded(YarnOnHdfs cluster, String output) throws IOException, YarnException {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(cluster.conf);
            yarn.start();
            List<ApplicationReport> apps = yarn.getApplications();
            assertEquals(1, apps.size(), output);
            assertEquals(FinalApplicationStatus.SUCCEEDED, apps.get(0).getFinalApplicationStatus(), output);
        }
    }
}
