package sparkyolo.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * Stops Spark once a command has ended. Spark's own threads print to standard error while they stop
 * (after Ctrl-C, stack traces of broadcast removals and tasks cancelled under them); from here on
 * those lines go to the log file (logger {@code sparkyolo.shutdown}), so the command's own last line
 * stays the last line a user sees. Log4j's console appenders keep the real standard error.
 */
final class SparkShutdown {
    private static final Logger LOG = LogManager.getLogger("sparkyolo.shutdown");

    private SparkShutdown() {
    }

    /** Stops the active Spark session, if any, with standard error sent to the log file. */
    static void stopActiveSession() {
        System.setErr(new PrintStream(new LineLogger(), false, StandardCharsets.UTF_8));
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    /** Logs each line written to it, once its end of line arrives (PrintStream flushes mid-line). */
    private static final class LineLogger extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
            } else if (line.size() > 0) {
                LOG.info(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
