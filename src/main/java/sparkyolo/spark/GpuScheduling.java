package sparkyolo.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import scala.Option;

/**
 * GPU executors through Spark's stage-level scheduling: a task resource profile asks for
 * {@code cpus} cores and {@code gpus} GPUs per training task (one replica per executor), and each
 * task takes its device from the addresses Spark assigned it. Barrier stages with resource
 * profiles need dynamic allocation off (standalone, YARN, Kubernetes).
 */
public final class GpuScheduling {
    private static final Logger LOG = LogManager.getLogger(GpuScheduling.class);
    public static final String GPU = "gpu";

    private GpuScheduling() {
    }

    /** A task resource profile: {@code cpus} cores and {@code gpus} GPUs per task; null when gpus is 0. */
    public static ResourceProfile taskProfile(int cpus, int gpus) {
        if (gpus <= 0) {
            return null;
        }
        TaskResourceRequests task = new TaskResourceRequests().cpus(cpus).resource(GPU, gpus);
        return new ResourceProfileBuilder().require(task).build();
    }

    /** The GPU addresses Spark assigned to the current task (empty when none). */
    public static String[] assignedGpus() {
        TaskContext ctx = TaskContext.get();
        if (ctx == null) {
            return new String[0];
        }
        Option<ResourceInformation> gpus = ctx.resources().get(GPU);
        return gpus.isDefined() ? gpus.get().addresses() : new String[0];
    }

    /**
     * The device this task computes on: its first assigned GPU when the PyTorch build has CUDA,
     * else the CPU (with a warning when a GPU was assigned but cannot be used).
     */
    public static Device deviceFor(String[] assigned, String who) {
        if (assigned.length == 0) {
            return Device.cpu();
        }
        int cudaDevices = Engine.getEngine("PyTorch").getGpuCount();
        if (cudaDevices == 0) {
            LOG.warn("{}: GPU {} assigned, but this PyTorch build has no CUDA: training on the CPU", who, assigned[0]);
            return Device.cpu();
        }
        Device d = Device.gpu(Integer.parseInt(assigned[0].trim()));
        LOG.info("{}: training on {}", who, d);
        return d;
    }
}
