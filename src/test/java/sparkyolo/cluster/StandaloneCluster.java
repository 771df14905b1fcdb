package sparkyolo.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import sparkyolo.testing.Scripts;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and one Worker JVM started from the build's
 * Spark home (bin/spark-class), as an administrator starts them.
 */
final class StandaloneCluster implements AutoCloseable {
    static final Map<String, String> ENV = Map.of("SPARK_HOME", Scripts.SPARK_HOME.toString());
    private final Path dir;
    private final Process master;
    private Process worker;
    final String masterUrl;

    /** Starts the cluster in {@code dir} (logs, the Worker's work directory); the Worker offers {@code cores} and {@code memory}. */
    StandaloneCluster(Path dir, int cores, String memory) throws IOException, InterruptedException {
        this.dir = dir;
        int port = Scripts.freePort();
        int ui = Scripts.freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        String sparkClass = Scripts.SPARK_HOME.resolve("bin/spark-class").toString();
        master = Scripts.start(ENV, dir.resolve("master.log"), List.of(sparkClass, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(ui)));
        try {
            worker = Scripts.start(ENV, dir.resolve("worker.log"), List.of(sparkClass, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory,
                    "--work-dir", workDir().toString(), "--webui-port", String.valueOf(Scripts.freePort()), masterUrl));
            awaitAliveWorker(ui);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Path workDir() {
        return dir.resolve("work");
    }

    /** The Master's and the Worker's logs and every driver's and executor's stdout/stderr, for a failure message. */
    String logs() throws IOException {
        return Scripts.logsUnder(dir, f -> f.toString().endsWith(".log") || f.endsWith("stderr") || f.endsWith("stdout"));
    }

    private void awaitAliveWorker(int uiPort) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                String json = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
                if (json.replace(" ", "").contains("\"aliveworkers\":1")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the Master's UI starts a few seconds after the JVM
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no alive worker after 60 s:\n" + logs());
    }

    @Override
    public void close() throws InterruptedException {
        if (worker != null) {
            Scripts.stop(worker);
        }
        Scripts.stop(master);
    }
}
