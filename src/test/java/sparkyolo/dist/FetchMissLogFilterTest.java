package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Level;
import org.apache.spark.storage.BlockNotFoundException;
import org.junit.jupiter.api.Test;

class FetchMissLogFilterTest {

    @Test
    void matchesOnlyMissesOfAllReduceBlocks() {
        // As the serving side logs it, and as the fetching side gets it back (remote trace in the message).
        assertTrue(FetchMissLogFilter.isMiss(Level.ERROR, new BlockNotFoundException("test_sy-run-0-0-3-g-1-0")));
        assertTrue(FetchMissLogFilter.isMiss(Level.ERROR, new IllegalStateException("fetch failed",
                new RuntimeException("org.apache.spark.storage.BlockNotFoundException: Block test_sy-r-1-0-2-w-1 not found\n\tat x"))));
        assertFalse(FetchMissLogFilter.isMiss(Level.ERROR, new BlockNotFoundException("rdd_3_1")));
        assertFalse(FetchMissLogFilter.isMiss(Level.ERROR, new RuntimeException("Connection refused")));
        assertFalse(FetchMissLogFilter.isMiss(Level.ERROR, null));
        Peer peer = new Peer(1, "1", "127.0.0.1", 4040, "");
        assertFalse(FetchMissLogFilter.isMiss(Level.ERROR, new PeerTimeoutException(peer, 3, Phase.ALL_GATHER,
                java.time.Duration.ofSeconds(1), "test_sy-r-1-0-3-w-1", new BlockNotFoundException("test_sy-r-1-0-3-w-1"))));
        assertFalse(FetchMissLogFilter.isMiss(Level.INFO, new BlockNotFoundException("test_sy-run-0-0-3-g-1-0")));
    }
}
