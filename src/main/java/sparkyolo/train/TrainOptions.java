package sparkyolo.train;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of a training run that its replicas need (the CLI's flags, checked).
 *
 * @param batchSize      global batch size
 * @param freeze         state_dict name prefixes of frozen layers ({@code model.0.}, ...)
 * @param workers        loader threads per replica
 * @param nanStepLimit   consecutive NaN/Inf steps before the run stops
 * @param replicas       model replicas (one per executor), each taking batchSize / replicas images
 * @param microBatch     largest forward pass of a replica in images (0: its whole share)
 * @param gradCompression gradients on the wire between replicas: none (fp32), bf16 or fp16
 * @param gpusPerReplica GPUs each replica's task asks for (a task resource profile); 0 for CPU
 */
public record TrainOptions(int epochs, int batchSize, int imgSize, String optimizer, boolean cosLr,
        double labelSmoothing, List<String> freeze, long seed, int workers, int nanStepLimit, int replicas,
        int microBatch, String gradCompression, int gpusPerReplica) implements Serializable {
    public TrainOptions withReplicas(int n) {
        return new TrainOptions(epochs, batchSize, imgSize, optimizer, cosLr, labelSmoothing, freeze, seed, workers,
                nanStepLimit, n, microBatch, gradCompression, gpusPerReplica);
    }
}
