package sparkyolo.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Scala's REPL engine (IMain, Spark's Scala 2.12) as Zeppelin's %spark interpreter uses it: one
 * session whose definitions and imports carry from paragraph to paragraph, with values bound by
 * name (spark, z).
 */
final class ScalaRepl implements AutoCloseable {
    /** What one piece of code did: whether it compiled and ran, the REPL's echo and errors, and what it printed. */
    record Outcome(boolean ok, String repl, String printed) {
    }

    private final IMain intp;
    private final StringWriter replOut = new StringWriter();

    ScalaRepl() {
        Settings settings = new Settings();
        // Under Surefire java.class.path is a manifest-only jar: give the compiler the test classpath itself.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        settings.processArgumentString("-usejavacp -classpath " + cp);
        intp = new IMain(settings, new PrintWriter(replOut, true));
    }

    void bind(String name, String type, Object value) {
        Results.Result r = intp.bind(name, type, value, JavaConverters.asScalaBuffer(List.<String>of()).toList());
        if (r != Results.Success$.MODULE$) {
            throw new IllegalStateException("could not bind " + name + ": " + replOut);
        }
    }

    Outcome run(String code) {
        replOut.getBuffer().setLength(0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Results.Result r = scala.Console.withOut(new PrintStream(printed, true, StandardCharsets.UTF_8),
                () -> intp.interpret(code));
        return new Outcome(r == Results.Success$.MODULE$, replOut.toString(), printed.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        intp.close();
    }
}
