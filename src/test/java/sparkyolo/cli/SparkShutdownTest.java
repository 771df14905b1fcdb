package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.LogCapture;

class SparkShutdownTest {
    @Test
    void whatIsPrintedOnStandardErrorWhileSparkStopsGoesToTheLogLineByLine() {
        PrintStream err = System.err;
        try (LogCapture log = new LogCapture("sparkyolo.shutdown", Level.INFO)) {
            SparkShutdown.stopActiveSession();
            // As the JVM reports an uncaught exception: the thread's name, then the trace, each flushed.
            System.err.print("Exception in thread \"pool-1\" ");
            System.err.flush();
            IllegalStateException e = new IllegalStateException("rejected");
            e.printStackTrace();
            List<String> lines = log.messages();
            assertEquals("Exception in thread \"pool-1\" java.lang.IllegalStateException: rejected", lines.get(0));
            assertEquals(1 + e.getStackTrace().length, lines.size(), String.join("\n", lines));
            assertEquals("\tat " + e.getStackTrace()[0], lines.get(1));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void sparksLogMessagesWhileItStopsReachTheOtherAppendersButNoLongerTheConsole() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertTrue(hasConsoleAppender(context), "the test configuration logs to the console");
        PrintStream err = System.err;
        try (LogCapture root = new LogCapture("", Level.ERROR)) {
            SparkShutdown.stopActiveSession();
            assertFalse(hasConsoleAppender(context), context.getConfiguration().getRootLogger().getAppenders().toString());
            LogManager.getLogger("org.apache.spark.TaskContextImpl").error("Error in TaskCompletionListener");
            assertEquals(List.of("Error in TaskCompletionListener"), root.messages());
        } finally {
            System.setErr(err);
            context.reconfigure();
        }
        assertTrue(hasConsoleAppender(context));
    }

    private static boolean hasConsoleAppender(LoggerContext context) {
        return context.getConfiguration().getRootLogger().getAppenders().values().stream()
                .anyMatch(a -> a instanceof ConsoleAppender);
    }
}
