package sparkyolo.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Stops Spark once a command has ended. Spark's own threads print to standard error while they stop
 * (after Ctrl-C, stack traces of broadcast removals and tasks cancelled under them), and its loggers
 * report errors of a cancelled task that ends after Spark's blocks are gone; from here on those
 * lines go to the log file only (printed ones through logger {@code sparkyolo.shutdown}), so the
 * command's own last line stays the last line a user sees.
 */
final class SparkShutdown {
    private static final Logger LOG = LogManager.getLogger("sparkyolo.shutdown");

    private SparkShutdown() {
    }

    /** Stops the active Spark session, if any, with standard error and log messages sent to the log file. */
    static void stopActiveSession() {
        System.setErr(new PrintStream(new LineLogger(), false, StandardCharsets.UTF_8));
        detachConsoleAppenders();
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    /** Removes Log4j's console appenders from every configured logger, the root included. */
    private static void detachConsoleAppenders() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration config = context.getConfiguration();
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            new HashMap<>(logger.getAppenders()).forEach((name, appender) -> {
                if (appender instanceof ConsoleAppender) {
                    logger.removeAppender(name);
                }
            });
        }
        context.updateLoggers();
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
