package sparkyolo.train;

import java.io.Serializable;

/** The time of a replica's training passes, in nanoseconds: forward, loss, backward. Sums over passes. */
public record PassTimes(long forward, long loss, long backward) implements Serializable {
    public static final PassTimes ZERO = new PassTimes(0, 0, 0);

    public PassTimes plus(PassTimes o) {
        return new PassTimes(forward + o.forward, loss + o.loss, backward + o.backward);
    }

    public long total() {
        return forward + loss + backward;
    }
}
