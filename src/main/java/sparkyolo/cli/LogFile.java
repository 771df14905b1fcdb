package sparkyolo.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.appender.RollingFileAppender;

/** Where this JVM's log file is (conf/log4j2.properties' {@code file} appender), for messages. */
final class LogFile {
    private LogFile() {
    }

    /** " (stack trace in FILE)", or "" when no file appender is configured. */
    static String seeTrace() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return "";
        }
        for (Appender a : context.getConfiguration().getAppenders().values()) {
            if (a instanceof RollingFileAppender r) {
                return " (stack trace in " + r.getFileName() + ")";
            }
            if (a instanceof FileAppender f) {
                return " (stack trace in " + f.getFileName() + ")";
            }
        }
        return "";
    }
}
