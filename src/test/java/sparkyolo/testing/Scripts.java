package sparkyolo.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The repository's launch scripts (submit/*.sh, the Spark home's bin/spark-class) run as child
 * processes, as a user runs them: with the build's Spark home (no SPARK_HOME, SPARK_CONF_DIR or
 * HADOOP_CONF_DIR from the test's environment), Spark on the loopback address, plus the given
 * variables; and every process they start stopped at the end.
 */
public final class Scripts {
    public static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();

    private Scripts() {
    }

    public record Result(int code, String output) {
    }

    /** Runs a command to its end (at most {@code timeout}) and returns its exit code and output. */
    public static Result run(Map<String, String> env, Path log, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Process p = start(env, log, command);
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                fail("no end after " + timeout + ": " + command + "\n" + Files.readString(log));
            }
        } finally {
            stop(p);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts a command (a Spark daemon, a launcher) with its output going to {@code log}. */
    public static Process start(Map<String, String> env, Path log, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeAll(List.of("SPARK_HOME", "SPARK_CONF_DIR", "HADOOP_CONF_DIR", "YARN_CONF_DIR"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Stops a process and the processes it started: politely, then forcibly after 10 seconds. */
    public static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }
        }
    }

    /** The files under {@code dir} that {@code which} selects, each under a "==> path" line: logs for a failure message. */
    public static String logsUnder(Path dir, Predicate<Path> which) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(which).toList()) {
                all.append("==> ").append(f).append('\n').append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }

    /** A TCP port that is free on the loopback address now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
