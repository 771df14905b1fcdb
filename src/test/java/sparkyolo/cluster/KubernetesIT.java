package sparkyolo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;

/**
 * submit/k8s.sh against an in-memory Kubernetes API server: what Spark asks Kubernetes to run for a
 * SparkYOLO job (pods, their resources and templates, the configuration), as no pod runs here.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KubernetesIT {
    private static final String IMAGE = "registry.example.com/sparkyolo:test";
    /** Only named in the driver pod's arguments: nothing runs that would read it. */
    private static final String DATA = "hdfs://namenode:8020/data/coco.yaml";
    /** Spark's default 1 GiB heap plus its minimum overhead of 384 MiB. */
    private static final BigDecimal POD_MEMORY = BigDecimal.valueOf((1024 + 384) * 1024L * 1024L);

    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private KubernetesClient k8s;

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        k8s = server.createClient();
    }

    @AfterEach
    void stopApiServer() {
        k8s.close();
        server.destroy();
    }

    /** submit/k8s.sh with one GPU per executor, the given options, and a 2-replica training command on {@code data}. */
    private List<String> launcher(String data, String... options) {
        List<String> cmd = new ArrayList<>(List.of("submit/k8s.sh", "--master", "k8s://http://127.0.0.1:" + server.getPort(),
                "--executor-gpus", "1"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("--", "train", "--replicas", "2", "--data", data));
        return cmd;
    }

    @Test
    void clusterModeCreatesTheDriverPodFromTheTemplateWithTheConfiguration() throws Exception {
        Scripts.Result r = Scripts.run(Map.of("SPARKYOLO_IMAGE", IMAGE), dir.resolve("submit.log"), Duration.ofSeconds(90),
                launcher(DATA, "--conf", "spark.kubernetes.submission.waitAppCompletion=false"));
        assertEquals(0, r.code(), r.output());

        Pod driver = k8s.pods().inAnyNamespace().withLabel("spark-role", "driver").list().getItems().get(0);
        Container c = driver.getSpec().getContainers().get(0);
        assertEquals(IMAGE, c.getImage());
        assertTrue(c.getArgs().containsAll(List.of("--class", "sparkyolo.cli.Main", "local:///opt/sparkyolo/sparkyolo-app.jar",
                "train", "--replicas", "2", "--data", DATA)), c.getArgs().toString());
        assertEquals(POD_MEMORY, Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")));
        assertFalse(c.getResources().getLimits().containsKey("nvidia.com/gpu"), "GPUs are for executors: " + c.getResources());
        assertFromTemplate(driver, "spark-kubernetes-driver");

        Map<String, String> conf = configMapWith("spark.properties").getData();
        assertEquals(Files.readString(Path.of("conf/log4j2.properties")), conf.get("log4j2.properties"));
        Properties spark = new Properties();
        spark.load(new StringReader(conf.get("spark.properties")));
        assertEquals("false", spark.getProperty("spark.dynamicAllocation.enabled"));
        assertEquals("1", spark.getProperty("spark.executor.resource.gpu.amount"));
        assertEquals("nvidia.com", spark.getProperty("spark.executor.resource.gpu.vendor"));
        assertEquals("/opt/sparkyolo/gpu-discovery.sh", spark.getProperty("spark.executor.resource.gpu.discoveryScript"));
        assertTrue(spark.getProperty("spark.executor.defaultJavaOptions").contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        assertTrue(spark.getProperty("spark.driver.defaultJavaOptions").contains("-Dai.djl.offline=true"));
        String executorTemplate = Files.readString(Path.of("submit/k8s/executor-pod.yaml"));
        assertTrue(k8s.configMaps().inAnyNamespace().list().getItems().stream().anyMatch(m -> m.getData().containsValue(executorTemplate)),
                "the executor pod template travels to the driver in a ConfigMap");
        assertEquals(1, k8s.services().inAnyNamespace().list().getItems().size(), "the driver's service");
    }

    @Test
    void clientModeRequestsExecutorPodsWithAGpuEachFromTheTemplate() throws Exception {
        Process driver = Scripts.start(Map.of(), dir.resolve("driver.log"),
                // The driver runs here; its first job waits for executors that never start.
                launcher(Path.of("data/coco-sample/coco-sample.yaml").toAbsolutePath().toString(), "--deploy-mode", "client",
                        "--num-executors", "2", "--conf", "spark.kubernetes.container.image=" + IMAGE));
        try {
            List<Pod> executors = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (executors.size() < 2 && System.nanoTime() < deadline && driver.isAlive()) {
                Thread.sleep(500);
                executors = k8s.pods().inAnyNamespace().withLabel("spark-role", "executor").list().getItems();
            }
            assertEquals(2, executors.size(), Files.readString(dir.resolve("driver.log")));
            for (Pod executor : executors) {
                Container c = executor.getSpec().getContainers().get(0);
                assertEquals(IMAGE, c.getImage());
                assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
                assertEquals(POD_MEMORY, Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")));
                assertFromTemplate(executor, "spark-kubernetes-executor");
                assertEquals("nvidia.com/gpu", executor.getSpec().getTolerations().get(0).getKey());
            }
        } finally {
            Scripts.stop(driver);
        }
    }

    /** What the pod templates in submit/k8s/ add: a label, and libtorch's cache directory on a pod volume. */
    private static void assertFromTemplate(Pod pod, String containerName) {
        assertEquals("sparkyolo", pod.getMetadata().getLabels().get("app.kubernetes.io/name"));
        Container c = pod.getSpec().getContainers().get(0);
        assertEquals(containerName, c.getName());
        assertTrue(c.getEnv().contains(new EnvVar("DJL_CACHE_DIR", "/var/cache/djl", null)), c.getEnv().toString());
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("djl-cache") && m.getMountPath().equals("/var/cache/djl")));
        assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getName().equals("djl-cache") && v.getEmptyDir() != null));
    }

    private ConfigMap configMapWith(String key) {
        return k8s.configMaps().inAnyNamespace().list().getItems().stream().filter(m -> m.getData().containsKey(key)).findFirst().orElseThrow();
    }
}
