package sparkyolo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;

/**
 * Turns failures caused by the user's input (a missing file, a bad config value, a damaged
 * checkpoint) into one clear line and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LogManager.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String command = cmd.getCommandName();
        if (cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof sparkyolo.image.BadImageException) {
            LOG.error("{}: error: {}", command, cause.getMessage());
            return 2;
        }
        LOG.error(command + ": failed", e);
        return 1;
    }
}
