package sparkyolo.dist;

import java.util.Locale;

/** How a replica gets a peer's block. Blocks of a replica in the same executor are always read locally. */
public enum FetchMode {
    /**
     * {@code BlockTransferService.fetchBlockSync} straight from the peer's BlockManager, whose address
     * the replicas exchanged at stage start; blocks are stored without telling the driver, so the
     * step loop never involves it. A fetch that comes before the peer's put fails and is retried.
     */
    DIRECT,
    /**
     * {@code BlockManager.getRemoteBytes}: blocks are registered with the driver on put and removal,
     * and every poll asks the driver for the block's location.
     */
    LOCATED;

    public static FetchMode parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
