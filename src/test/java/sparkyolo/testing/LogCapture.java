package sparkyolo.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects the formatted messages of one logger while open. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerConfig config;

    /** The warnings and errors of {@code logger}'s class logger. */
    public LogCapture(Class<?> logger) {
        this(logger.getName(), Level.WARN);
    }

    /** The messages at {@code level} or above of the logger named {@code logger}. */
    public LogCapture(String logger, Level level) {
        super("capture-" + logger, null, null, true, Property.EMPTY_ARRAY);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        config = ctx.getConfiguration().getLoggerConfig(logger);
        start();
        config.addAppender(this, level, null);
        ctx.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    public List<String> messages() {
        return messages;
    }

    @Override
    public void close() {
        config.removeAppender(getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
