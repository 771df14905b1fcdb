package sparkyolo.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.util.resource.ResourceUtils;
import sparkyolo.testing.Scripts;

/**
 * HDFS (MiniDFSCluster, one DataNode) and YARN (MiniYARNCluster, one NodeManager) in this JVM, with
 * their client configuration written to a directory for HADOOP_CONF_DIR, as a cluster's gateway
 * host has it. The NodeManager starts containers as processes on this machine.
 */
final class YarnOnHdfs implements AutoCloseable {
    private final MiniDFSCluster dfs;
    private MiniYARNCluster yarn;
    final Configuration conf;
    final Path confDir;

    /** Starts both in {@code dir}; the NodeManager offers {@code memoryMb} of memory, 4 cores and {@code gpus} GPUs. */
    YarnOnHdfs(Path dir, int memoryMb, int gpus) throws IOException, InterruptedException {
        Configuration hdfsConf = new Configuration();
        hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        hdfsConf.setInt("dfs.replication", 1);
        dfs = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(1).build();
        try {
            dfs.waitActive();
            YarnConfiguration y = new YarnConfiguration(hdfsConf);
            y.set("fs.defaultFS", dfs.getURI().toString());
            y.set("yarn.scheduler.capacity.root.queues", "default");
            y.set("yarn.scheduler.capacity.root.default.capacity", "100");
            y.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
            y.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
            y.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", memoryMb);
            y.setInt("yarn.scheduler.minimum-allocation-mb", 128);
            // GPUs as a countable resource (no devices behind them): containers that ask get yarn.io/gpu.
            y.set("yarn.resource-types", "yarn.io/gpu");
            y.setInt("yarn.nodemanager.resource-type.yarn.io/gpu", gpus);
            y.set("yarn.scheduler.capacity.resource-calculator", "org.apache.hadoop.yarn.util.resource.DominantResourceCalculator");
            ResourceUtils.resetResourceTypes(y);
            // Containers share this machine: no memory policing, and a full disk is no reason to stop.
            y.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
            y.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
            y.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
            // Stop within seconds: the containers are gone by then.
            y.setInt("yarn.nodemanager.sleep-delay-before-sigkill.ms", 100);
            y.setInt("yarn.nodemanager.process-kill-wait.ms", 100);
            yarn = new MiniYARNCluster("sparkyolo-yarn", 1, 1, 1);
            yarn.init(y);
            yarn.start();
            conf = awaitResourceManagerAddress(yarn);
            // MiniDFSCluster's rack mapping is a test class that Spark's containers don't have.
            conf.unset("net.topology.node.switch.mapping.impl");
            confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
            for (String file : new String[] {"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
                try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
                    conf.writeXml(out);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** hdfs://host:port */
    String hdfs() {
        return dfs.getURI().toString();
    }

    /** The containers' stdout and stderr (driver and executors), for a failure message. */
    String containerLogs() throws IOException {
        return Scripts.logsUnder(yarn.getTestWorkDir().toPath(), f -> f.endsWith("stderr") || f.endsWith("stdout"));
    }

    /** The ResourceManager binds port 0 and publishes its real address in the configuration once it listens. */
    private static Configuration awaitResourceManagerAddress(MiniYARNCluster yarn) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ResourceManager has no address after 60 s");
            }
            Thread.sleep(100);
        }
        return new YarnConfiguration(yarn.getConfig());
    }

    @Override
    public void close() {
        if (yarn != null) {
            yarn.stop();
        }
        dfs.shutdown();
    }
}
