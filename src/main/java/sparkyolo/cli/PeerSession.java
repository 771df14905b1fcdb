package sparkyolo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A peer script that stays up between the timed rounds of a benchmark: it prints a JSON object
 * when it is ready and one for each request line it reads. Its other output lines (its own
 * logging) are only kept, the last few, for the message when it fails.
 */
final class PeerSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_LINES = 8;
    private final String name;
    private final Process process;
    private final Path script;
    private final BufferedReader output;
    private final Writer input;
    private final Deque<String> tail = new ArrayDeque<>();

    /** Takes over {@code process} running {@code script} (deleted on close). */
    PeerSession(String name, Process process, Path script) {
        this.name = name;
        this.process = process;
        this.script = script;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** The next JSON object the peer prints (its "ready" after start). */
    JsonNode next() throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("{")) {
                return JSON.readTree(line);
            }
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        throw new IOException(name + " ended" + exitCode() + ": " + String.join("\n", tail));
    }

    /** Sends one request line and returns the peer's answer. */
    JsonNode request(String line) throws IOException {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new IOException(name + " stopped reading requests" + exitCode() + ": " + String.join("\n", tail), e);
        }
        return next();
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Ends the peer's input (it exits), or stops it after a few seconds. */
    @Override
    public void close() throws IOException {
        try {
            input.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
