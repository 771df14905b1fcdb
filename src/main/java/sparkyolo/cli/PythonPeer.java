package sparkyolo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.engine.MallocSettings;

/**
 * The peer a benchmark compares with, run in the same call: a Python script shipped in the jar
 * ({@code peers/}), run by the first Python on the machine that can import what it needs
 * ({@code python3} on the PATH, then Debian's {@code /usr/bin/python3}, which apt's python3-torch
 * provides). It prints one JSON object on its last line of output, or, run as a
 * {@link PeerSession}, one per request.
 */
final class PythonPeer {
    private static final Logger LOG = LogManager.getLogger(PythonPeer.class);
    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

    private PythonPeer() {
    }

    /** The first candidate Python (or {@code given}) that can import {@code module}, if any. */
    static Optional<String> find(String given, String module) {
        for (String python : given != null ? List.of(given) : CANDIDATES) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(python);
                }
            } catch (IOException e) {
                LOG.debug("no {}: {}", python, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the jar's {@code peers/<script>} with {@code python} and {@code args}; returns its last
     * output line as JSON.
     *
     * @throws IOException when it fails, naming its exit code and the end of its output
     */
    static JsonNode run(String python, String script, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path file = extract(script);
        try {
            Process p = start(python, file, args);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(script + " did not finish in " + timeoutSeconds + " s");
            }
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            if (p.exitValue() != 0 || lines.isEmpty()) {
                throw new IOException(script + " exited with " + p.exitValue() + ": "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            return new ObjectMapper().readTree(lines.get(lines.size() - 1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Starts the jar's {@code peers/<script>} as a {@link PeerSession}. */
    static PeerSession session(String python, String script, List<String> args) throws IOException {
        Path file = extract(script);
        try {
            return new PeerSession(script, start(python, file, args), file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Path extract(String script) throws IOException {
        Path file = Files.createTempFile("sparkyolo-peer-", "-" + script);
        try (InputStream in = PythonPeer.class.getResourceAsStream("/peers/" + script)) {
            if (in == null) {
                Files.deleteIfExists(file);
                throw new IOException("peers/" + script + " is missing from the application jar");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static Process start(String python, Path file, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The peer runs as its users run it: without the malloc settings our launchers add.
        builder.environment().keySet().removeAll(MallocSettings.NAMES);
        return builder.start();
    }
}
