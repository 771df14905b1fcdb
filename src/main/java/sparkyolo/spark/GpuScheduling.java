package sparkyolo.spark;

import ai.djl.Device;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import scala.Option;
import sparkyolo.engine.Engines;
import sparkyolo.engine.TorchLibrary;

/**
 * GPU executors through Spark's stage-level scheduling: a task resource profile asks for
 * {@code cpus} cores and {@code gpus} GPUs per training task (one replica per executor), and each
 * task takes its device from the addresses Spark assigned it. Barrier stages with resource
 * profiles need dynamic allocation off (standalone, YARN, Kubernetes).
 */
public final class GpuScheduling {
    private static final Logger LOG = LogManager.getLogger(GpuScheduling.class);
    public static final String GPU = "gpu";
    private static final java.util.Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
     * The device this task computes on: its first assigned GPU when the PyTorch build has CUDA and
     * DJL sees the GPUs, else the CPU (with a warning when a GPU was assigned but cannot be used).
     * Logs, once per JVM and device, the device and the libtorch in use.
     */
    public static Device deviceFor(String[] assigned, String who) {
        TorchLibrary.Loaded library = Engines.library();
        Device d = Device.cpu();
        if (assigned.length > 0 && !library.cuda()) {
            LOG.warn("{}: GPU {} assigned, but this PyTorch build has no CUDA: training on the CPU", who, assigned[0]);
        } else if (assigned.length > 0 && library.gpus() == 0) {
            LOG.warn("{}: GPU {} assigned, but DJL sees no GPU ({}): training on the CPU", who, assigned[0],
                    library.describe());
        } else if (assigned.length > 0) {
            d = Device.gpu(Integer.parseInt(assigned[0].trim()));
        }
        if (ANNOUNCED.add(d.toString())) {
            LOG.info("{}: computing on {} with {}", who, d, library.describe());
        }
        return d;
    }
}
