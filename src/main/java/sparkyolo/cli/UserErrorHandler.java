package sparkyolo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import sparkyolo.image.BadImageException;
import sparkyolo.spark.Interruption;
import sparkyolo.train.TrainingInterruptedException;

/**
 * One convention for how a command ends badly, always one line on standard error:
 * <ul>
 * <li>a user error (a missing file, a bad option or config value, a damaged input): the reason,
 *     exit code 2;
 * <li>an interrupt (Ctrl-C, SIGTERM): where it stopped and how to continue, exit code 130 / 143;
 * <li>a failure (a bug, a lost cluster): the reason and the log file holding the stack trace,
 *     exit code 1.
 * </ul>
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LogManager.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String command = cmd.getCommandSpec().qualifiedName();
        if (Interruption.requested().isPresent() || cause instanceof TrainingInterruptedException) {
            String signal = Interruption.requested().orElse("INT");
            LOG.debug(command + ": interrupted", e);
            LOG.error("{}: {}", command, cause instanceof TrainingInterruptedException
                    ? cause.getMessage() : "interrupted by SIG" + signal);
            return Interruption.exitCode(signal);
        }
        if (cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof BadImageException) {
            LOG.debug(command + ": error", e);
            LOG.error("{}: error: {}", command, cause.getMessage());
            return 2;
        }
        LOG.error(command + ": failed: " + firstLine(e) + LogFile.seeTrace(), e);
        return 1;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
