package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.util.List;
import org.apache.logging.log4j.Level;
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
}
