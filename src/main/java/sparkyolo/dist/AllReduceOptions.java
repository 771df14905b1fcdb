package sparkyolo.dist;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of one all-reduce session (one epoch's barrier stage).
 *
 * @param runId names the training run in block names (letters, digits, underscore)
 * @param epoch the epoch, whose barrier stage this session serves
 * @param gradFormat how gradients travel (weights always travel as fp32)
 * @param fetchMode how a peer's block is fetched
 * @param timeout how long to wait for one peer's block before failing
 */
public record AllReduceOptions(String runId, int epoch, WireFormat gradFormat, FetchMode fetchMode, Duration timeout)
        implements Serializable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public AllReduceOptions {
        if (!runId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("run id must be letters, digits or underscores: '" + runId + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Direct fetches and the default timeout. */
    public static AllReduceOptions of(String runId, int epoch, WireFormat gradFormat) {
        return new AllReduceOptions(runId, epoch, gradFormat, FetchMode.DIRECT, DEFAULT_TIMEOUT);
    }

    public AllReduceOptions withFetchMode(FetchMode mode) {
        return new AllReduceOptions(runId, epoch, gradFormat, mode, timeout);
    }

    public AllReduceOptions withTimeout(Duration t) {
        return new AllReduceOptions(runId, epoch, gradFormat, fetchMode, t);
    }
}
