package sparkyolo.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.io.HadoopFiles;

/**
 * Where each replica's epoch time went: data wait, forward/backward, synchronization (and of it,
 * waiting for slower peers), update; and the optimizer steps' time split as {@link StepTimes}.
 */
final class StepBreakdown {
    private static final Logger LOG = LogManager.getLogger(StepBreakdown.class);
    static final String HEADER = "epoch,replica,images,optimizer_steps,data_wait_s,forward_backward_s,sync_s,peer_wait_s,update_s,sync_share,"
            + "copy_out_s,reduce_scatter_s,norm_s,optimizer_s,all_gather_s,copy_in_s,ema_s,device";

    private StepBreakdown() {
    }

    static void log(int epoch, List<EpochStats> replicas) {
        for (int r = 0; r < replicas.size(); r++) {
            EpochStats s = replicas.get(r);
            LOG.info(String.format(Locale.ROOT,
                    "epoch %d replica %d on %s: %d images, data wait %.2fs, forward/backward %.2fs, sync %.2fs (%.1f%%; "
                            + "%.2fs of it waiting for slower peers), update %.2fs",
                    epoch, r, s.device(), s.images(), s.dataWaitNanos() / 1e9, s.forwardBackwardNanos() / 1e9, s.syncNanos() / 1e9,
                    100 * syncShare(s), s.peerWaitNanos() / 1e9, s.updateNanos() / 1e9));
        }
    }

    static double syncShare(EpochStats s) {
        double total = s.dataWaitNanos() + s.forwardBackwardNanos() + s.syncNanos() + s.updateNanos();
        return total == 0 ? 0 : s.syncNanos() / total;
    }

    /** Appends this epoch's rows to the run's replicas.csv (rewritten atomically). */
    static void append(HadoopFiles files, String path, int epoch, List<EpochStats> replicas) throws IOException {
        StringBuilder sb = new StringBuilder(files.exists(path) ? files.readString(path) : HEADER + "\n");
        for (int r = 0; r < replicas.size(); r++) {
            EpochStats s = replicas.get(r);
            StepTimes t = s.steps();
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%s%n",
                    epoch, r, s.images(), s.optimizerSteps(), s.dataWaitNanos() / 1e9, s.forwardBackwardNanos() / 1e9,
                    s.syncNanos() / 1e9, s.peerWaitNanos() / 1e9, s.updateNanos() / 1e9, syncShare(s), t.copyOut() / 1e9,
                    t.reduceScatter() / 1e9, t.norm() / 1e9, t.update() / 1e9, t.allGather() / 1e9, t.copyIn() / 1e9,
                    t.ema() / 1e9, s.device()));
        }
        files.writeAtomically(path, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
