package sparkyolo.spark;

import java.util.Optional;

/**
 * Whether the user asked this driver to stop (Ctrl-C, SIGTERM): set by the command line's signal
 * handler, which also cancels the running Spark jobs; jobs that then fail were cancelled, not broken,
 * and are not run again.
 */
public final class Interruption {
    private static volatile String signal;

    private Interruption() {
    }

    /** Records that {@code signalName} (INT, TERM) asked the driver to stop; the first one counts. */
    public static synchronized void request(String signalName) {
        if (signal == null) {
            signal = signalName;
        }
    }

    /** The signal that asked the driver to stop, if any. */
    public static Optional<String> requested() {
        return Optional.ofNullable(signal);
    }

    /** Forgets a request (tests run several commands in one JVM). */
    public static synchronized void clear() {
        signal = null;
    }

    /** The shell's exit code for a process stopped by {@code signalName}: 128 + its number. */
    public static int exitCode(String signalName) {
        return 128 + ("TERM".equals(signalName) ? 15 : 2);
    }
}
