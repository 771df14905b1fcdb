package sparkyolo.dist;

import java.time.Duration;

/** A peer's block did not arrive in time: names the peer (rank, executor), the step and the phase. */
public final class PeerTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerTimeoutException(Peer peer, int step, Phase phase, Duration waited, String block, Throwable lastError) {
        super(peer + " did not provide its " + phase + " block of step " + step + " within "
                + waited.toMillis() + " ms (block " + block + ")"
                + (lastError == null ? "" : "; last fetch error: " + firstLine(lastError)), lastError);
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
