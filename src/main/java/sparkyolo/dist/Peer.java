package sparkyolo.dist;

import org.apache.spark.storage.BlockManagerId;

/**
 * A replica of the stage: its rank (partition id), the address of its executor's BlockManager,
 * and a note it chose to publish (for example the port of a socket it listens on).
 */
public record Peer(int rank, String executorId, String host, int port, String note) {

    static Peer of(int rank, BlockManagerId id, String note) {
        return new Peer(rank, id.executorId(), id.host(), id.port(), note);
    }

    /** Whether both replicas run in the same executor, so that they share one BlockManager. */
    public boolean sharesBlockManagerWith(Peer other) {
        return executorId.equals(other.executorId) && host.equals(other.host) && port == other.port;
    }

    /** One line per field; the note comes last and may hold anything. */
    String encode() {
        return rank + "\n" + executorId + "\n" + host + "\n" + port + "\n" + note;
    }

    static Peer decode(String message) {
        String[] f = message.split("\n", 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("not a peer message: " + message);
        }
        return new Peer(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4]);
    }

    @Override
    public String toString() {
        return "rank " + rank + " (executor " + executorId + " at " + host + ":" + port + ")";
    }
}
