package sparkyolo.dist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;

/**
 * The replicas of a barrier stage and their BlockManager addresses, learned once at stage start
 * with one {@code allGather} (about 1 s); afterwards replicas reach each other without the driver.
 */
public final class PeerDirectory {
    private final int myRank;
    private final List<Peer> peers;

    PeerDirectory(int myRank, List<Peer> peers) {
        for (int r = 0; r < peers.size(); r++) {
            if (peers.get(r).rank() != r) {
                throw new IllegalArgumentException("peers must have ranks 0.." + (peers.size() - 1) + ": " + peers);
            }
        }
        if (myRank < 0 || myRank >= peers.size()) {
            throw new IllegalArgumentException("rank " + myRank + " is not among " + peers.size() + " peers");
        }
        this.myRank = myRank;
        this.peers = List.copyOf(peers);
    }

    /**
     * Called by every task of the barrier stage: publishes this task's BlockManager address and
     * {@code note}, and returns everyone's. The rank of a task is its partition id.
     */
    public static PeerDirectory exchange(BarrierTaskContext ctx, String note) {
        // Before anyone can fetch from us: our not-yet-put blocks must not flood the log (see the filter).
        FetchMissLogFilter.install();
        Peer me = Peer.of(ctx.partitionId(), SparkEnv.get().blockManager().blockManagerId(), note);
        List<Peer> all = new ArrayList<>();
        for (String message : ctx.allGather(me.encode())) {
            all.add(Peer.decode(message));
        }
        all.sort(Comparator.comparingInt(Peer::rank));
        return new PeerDirectory(me.rank(), all);
    }

    public int myRank() {
        return myRank;
    }

    public int size() {
        return peers.size();
    }

    public Peer peer(int rank) {
        return peers.get(rank);
    }

    public Peer me() {
        return peers.get(myRank);
    }
}
