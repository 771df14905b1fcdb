package sparkyolo.dist;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of one all-reduce session (one epoch's barrier stage).
 *
 * @param runId names the training run in block names (letters, digits, underscore)
 * @param epoch the epoch, whose barrier stage this session serves
 * @param gradFormat how gradients travel (weights always travel as fp32)
 * @param chunkValues the most values in one block: a slice travels as several blocks, so that
 *                    the owner decodes one while the next is on the wire
 * @param timeout how long to wait for one peer's block before failing
 */
public record AllReduceOptions(String runId, int epoch, WireFormat gradFormat, int chunkValues, Duration timeout)
        implements Serializable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /**
     * 16 MiB of fp32 values: one block per slice up to YOLOv5m at N = 2. Smaller blocks measured
     * slower (each costs requests and misses); see docs/allreduce.md.
     */
    public static final int DEFAULT_CHUNK_VALUES = 1 << 22;

    public AllReduceOptions {
        if (!runId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("run id must be letters, digits or underscores: '" + runId + "'");
        }
        if (chunkValues < 1) {
            throw new IllegalArgumentException("chunk must hold at least one value: " + chunkValues);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The default chunk size and timeout. */
    public static AllReduceOptions of(String runId, int epoch, WireFormat gradFormat) {
        return new AllReduceOptions(runId, epoch, gradFormat, DEFAULT_CHUNK_VALUES, DEFAULT_TIMEOUT);
    }

    /** Blocks of a slice of {@code length} values: at least one, which carries the flag of an empty slice. */
    public int chunks(int length) {
        return Math.max(1, (length + chunkValues - 1) / chunkValues);
    }

    /** Values in block {@code k} of a slice of {@code length} values. */
    public int chunkLength(int length, int k) {
        return Math.min(chunkValues, length - k * chunkValues);
    }

    public AllReduceOptions withChunkValues(int values) {
        return new AllReduceOptions(runId, epoch, gradFormat, values, timeout);
    }

    public AllReduceOptions withTimeout(Duration t) {
        return new AllReduceOptions(runId, epoch, gradFormat, chunkValues, t);
    }
}
