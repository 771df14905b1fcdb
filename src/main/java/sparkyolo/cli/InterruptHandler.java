package sparkyolo.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import sparkyolo.spark.Interruption;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM stop a command cleanly instead of shutting the JVM down under it: the first
 * signal records the request ({@link Interruption}), cancels the running Spark jobs (their tasks are
 * killed; nothing half-written is kept, and no cancelled job is run again) and interrupts the
 * command's thread; the command then ends with one line saying where it stopped. A second signal
 * exits at once.
 */
final class InterruptHandler {
    private static final Logger LOG = LogManager.getLogger(InterruptHandler.class);

    private InterruptHandler() {
    }

    /** Handles INT and TERM for {@code command}, the thread running the command. */
    static void install(Thread command) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> onSignal(s.getName(), command));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (java -Xrs): its default behaviour stays.
                LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private static void onSignal(String name, Thread command) {
        if (Interruption.requested().isPresent()) {
            LOG.error("SIG{} again: stopping now", name);
            System.exit(Interruption.exitCode(Interruption.requested().get()));
        }
        Interruption.request(name);
        LOG.warn("SIG{}: stopping (press Ctrl-C again to stop at once)", name);
        SparkSession.getDefaultSession().foreach(spark -> {
            spark.sparkContext().cancelAllJobs();
            return null;
        });
        command.interrupt();
    }
}
