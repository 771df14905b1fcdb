package sparkyolo.dist;

import org.apache.spark.storage.TestBlockId;

/**
 * Names of the all-reduce blocks, unique per (run, epoch, stage attempt, step, phase, sender[, receiver], chunk):
 * a retried stage never meets the blocks of a failed attempt.
 * {@code TestBlockId} is the one BlockId that takes any name and that a peer's BlockManager
 * parses back when serving a fetch ({@code test_<name>}).
 */
final class BlockNames {
    static final String PREFIX = "sy-";
    private final String stem;

    BlockNames(String runId, int epoch, int stageAttempt) {
        this.stem = PREFIX + runId + "-" + epoch + "-" + stageAttempt + "-";
    }

    /** Chunk {@code chunk} of sender {@code from}'s gradient slice for owner {@code to}. */
    TestBlockId gradient(int step, int from, int to, int chunk) {
        return new TestBlockId(stem + step + "-" + Phase.REDUCE_SCATTER.tag() + "-" + from + "-" + to + "-" + chunk);
    }

    /** Chunk {@code chunk} of owner {@code from}'s weight slice, fetched by every other replica. */
    TestBlockId weights(int step, int from, int chunk) {
        return new TestBlockId(stem + step + "-" + Phase.ALL_GATHER.tag() + "-" + from + "-" + chunk);
    }
}
