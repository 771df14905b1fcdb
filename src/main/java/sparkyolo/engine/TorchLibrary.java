package sparkyolo.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which libtorch DJL loads, checked before and after loading. By default the CPU build bundled in
 * the jar; {@code PYTORCH_LIBRARY_PATH} (environment variable or system property, as DJL reads it)
 * names a node's own lib folder instead, e.g. a pip install's {@code site-packages/torch/lib}.
 * Its version and flavor ({@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}) are taken from the
 * folder unless given, DJL's JNI must exist for them, and the CUDA runtime beside a pip install is
 * put on JNA's path so that DJL sees the GPUs. DJL silently falls back to the bundled libtorch
 * when the folder does not work out, so after loading the library actually mapped into the process
 * must come from that folder.
 */
public final class TorchLibrary {
    static final String PATH = "PYTORCH_LIBRARY_PATH";
    static final String VERSION = "PYTORCH_VERSION";
    static final String FLAVOR = "PYTORCH_FLAVOR";
    static final String JNA_PATH = "jna.library.path";
    private static final String CLASSIFIER = "linux-x86_64";
    private static final String JNI_PROPERTIES = "jnilib/pytorch.properties";

    /**
     * The libtorch chosen for this JVM.
     *
     * @param dir     the lib folder named by {@code PYTORCH_LIBRARY_PATH}, or null for the bundled build
     * @param version {@code major.minor.patch}
     * @param flavor  {@code cpu} or {@code cuXYZ}
     */
    public record Choice(Path dir, String version, String flavor) {
        boolean external() {
            return dir != null;
        }
    }

    /**
     * The libtorch in use.
     *
     * @param dir      the folder its {@code libtorch_cpu.so} is mapped from
     * @param cuda     whether this libtorch build has CUDA
     * @param gpus     the GPUs DJL sees (0 without CUDA, or when the CUDA runtime was not found)
     */
    public record Loaded(Path dir, String version, String flavor, boolean external, boolean cuda, int gpus) {
        /** One line for the logs: folder, version, flavor, CUDA. */
        public String describe() {
            String gpu = !cuda ? "no CUDA" : gpus > 0 ? "CUDA, " + gpus + " GPU(s)"
                    : "CUDA build, but no GPU visible (CUDA runtime not found through " + JNA_PATH + "="
                            + System.getProperty(JNA_PATH, "") + ", or no device)";
            return "libtorch " + version + " " + flavor + " from " + dir + (external ? " (" + PATH + ")" : " (bundled)")
                    + ", " + gpu;
        }
    }

    private TorchLibrary() {
    }

    /**
     * Resolves and checks the settings before DJL loads libtorch, and sets what DJL then reads:
     * {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} found from the folder, and JNA's library
     * path for the CUDA runtime. Environment variables win over system properties, as in DJL.
     *
     * @throws IllegalArgumentException naming the setting when the combination cannot load
     */
    public static Choice configure() {
        Choice choice = choose(TorchLibrary::setting, Jni.bundled());
        if (choice.external()) {
            if (setting(VERSION) == null) {
                System.setProperty(VERSION, choice.version());
            }
            if (setting(FLAVOR) == null) {
                System.setProperty(FLAVOR, choice.flavor());
            }
            Path cudart = TorchFolder.inspect(choice.dir()).cudartDir();
            if (choice.flavor().startsWith("cu") && cudart != null && System.getProperty(JNA_PATH) == null) {
                System.setProperty(JNA_PATH, cudart.toString());
            }
        }
        return choice;
    }

    /** The choice for the given settings ({@code setting.apply(name)}: value or null) and DJL's bundled JNI. */
    static Choice choose(UnaryOperator<String> setting, Jni jni) {
        String path = setting.apply(PATH);
        String version = setting.apply(VERSION);
        String flavor = setting.apply(FLAVOR);
        if (path == null || path.isEmpty()) {
            if (version != null && !version.isEmpty() && !version.equals(jni.version())) {
                throw new IllegalArgumentException(VERSION + "=" + version + " needs " + PATH
                        + " naming a libtorch " + version + " (the jar bundles libtorch " + jni.version() + ")");
            }
            return new Choice(null, jni.version(), "cpu");
        }
        Path dir = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(TorchFolder.LIBTORCH))) {
            throw new IllegalArgumentException(PATH + "=" + path + ": no " + TorchFolder.LIBTORCH + " in "
                    + (Files.isDirectory(dir) ? "that folder" : "that path (not a folder)")
                    + "; it names the lib folder of a libtorch, e.g. site-packages/torch/lib of a pip install");
        }
        TorchFolder folder = TorchFolder.inspect(dir);
        version = resolveVersion(path, version, folder);
        flavor = resolveFlavor(path, flavor, folder);
        if (!folder.hasOwnJni(jni.djlVersion()) && !Files.exists(jni.cached(version, flavor))) {
            if (!version.equals(jni.version())) {
                throw new IllegalArgumentException(VERSION + "=" + version + " (" + PATH + "=" + path + "): DJL "
                        + jni.djlVersion() + "'s JNI is built for libtorch " + jni.version() + " only; install torch "
                        + jni.version() + ", or put a libdjl_torch.so built against this libtorch into that folder or at "
                        + jni.cached(version, flavor));
            }
            if (!jni.flavors().contains(flavor)) {
                throw new IllegalArgumentException(FLAVOR + "=" + flavor + " (" + PATH + "=" + path + "): DJL's JNI for libtorch "
                        + jni.version() + " exists for " + String.join(", ", jni.flavors()) + " only");
            }
        }
        return new Choice(dir, version, flavor);
    }

    private static String resolveVersion(String path, String given, TorchFolder folder) {
        if (given == null || given.isEmpty()) {
            if (folder.version() == null) {
                throw new IllegalArgumentException(PATH + "=" + path + ": cannot tell the version of this libtorch (no "
                        + "../version.py or ../build-version beside it); set " + VERSION + " (launchers: --torch-version)");
            }
            return folder.version();
        }
        if (folder.version() != null && !given.equals(folder.version())) {
            throw new IllegalArgumentException(VERSION + "=" + given + ", but " + PATH + "=" + path + " holds libtorch "
                    + folder.version() + " (" + folder.versionSource() + ")");
        }
        return given;
    }

    private static String resolveFlavor(String path, String given, TorchFolder folder) {
        String flavor = given == null || given.isEmpty() ? folder.flavor() : given;
        if (flavor == null) {
            throw new IllegalArgumentException(PATH + "=" + path + ": a CUDA build whose CUDA version no file beside it "
                    + "tells; set " + FLAVOR + " (launchers: --torch-flavor), e.g. cu128");
        }
        if (!flavor.matches("cpu|cu\\d{3}")) {
            throw new IllegalArgumentException(FLAVOR + "=" + flavor + ": expected cpu or cuXYZ (e.g. cu128 for CUDA 12.8)");
        }
        if (flavor.startsWith("cu") && !folder.cudaLibs()) {
            throw new IllegalArgumentException(FLAVOR + "=" + flavor + ", but " + PATH + "=" + path
                    + " has no libtorch_cuda.so (a CPU build of libtorch)");
        }
        return flavor;
    }

    /**
     * Checks after loading that libtorch came from the chosen folder (DJL falls back to the bundled
     * build without a word) and describes what is in use.
     *
     * @throws IllegalStateException naming {@code PYTORCH_LIBRARY_PATH} when another libtorch is mapped
     */
    public static Loaded verify(Choice choice, Engine engine) {
        Path mapped = MappedLibraries.folderOf("libtorch_cpu.so");
        Path dir = mapped != null ? mapped : Path.of(LibUtils.getLibtorchPath());
        if (choice.external() && !sameFolder(dir, choice.dir())) {
            throw new IllegalStateException(PATH + "=" + choice.dir() + " was not loaded: this process maps libtorch from "
                    + dir + " (check that the folder holds a complete libtorch: libtorch.so, libtorch_cpu.so, libc10.so)");
        }
        String flavor = choice.external() ? choice.flavor() : bundledFlavor(dir);
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        return new Loaded(dir, LibUtils.getVersion(), flavor, choice.external(), cuda, engine.getGpuCount());
    }

    private static String bundledFlavor(Path dir) {
        String flavor = TorchFolder.inspect(dir).flavor();
        return flavor == null ? "cpu" : flavor;
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** DJL's value of a setting: the environment variable, else the system property. */
    static String setting(String name) {
        String env = System.getenv(name);
        return env != null ? env : System.getProperty(name);
    }

    /**
     * The JNI that DJL can use without a network: the one in the {@code pytorch-jni} jar, for
     * libtorch {@code version} and the {@code flavors} it holds, or one at
     * {@code DJL_CACHE_DIR/pytorch/VERSION-FLAVOR-linux-x86_64/DJLVERSION-libdjl_torch.so}.
     */
    record Jni(String version, String djlVersion, List<String> flavors, Path cacheDir) {
        Path cached(String torchVersion, String flavor) {
            return cacheDir.resolve(torchVersion + "-" + flavor + "-" + CLASSIFIER).resolve(djlVersion + "-libdjl_torch.so");
        }

        static Jni bundled() {
            Properties engine = properties("pytorch-engine.properties");
            String djl = engine.getProperty("djl_version");
            String jniVersion = properties(JNI_PROPERTIES).getProperty("jni_version", "");
            String version = jniVersion.endsWith("-" + djl) ? jniVersion.substring(0, jniVersion.length() - djl.length() - 1)
                    : engine.getProperty("pytorch_version");
            return new Jni(version, djl, bundledFlavors(), Utils.getEngineCacheDir("pytorch"));
        }

        /** The flavors of the JNI jar's {@code jnilib/linux-x86_64/FLAVOR/libdjl_torch.so} entries. */
        private static List<String> bundledFlavors() {
            URL url = TorchLibrary.class.getClassLoader().getResource(JNI_PROPERTIES);
            List<String> flavors = new ArrayList<>();
            if (url == null) {
                return flavors;
            }
            Pattern entry = Pattern.compile("jnilib/" + CLASSIFIER + "/([^/]+)/libdjl_torch\\.so");
            try {
                if (url.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    try (JarFile file = jar.getJarFile()) {
                        file.stream().map(e -> entry.matcher(e.getName())).filter(Matcher::matches)
                                .forEach(m -> flavors.add(m.group(1)));
                    }
                } else {
                    Path dir = Path.of(url.toURI()).getParent().resolve(CLASSIFIER);
                    try (var listing = Files.list(dir)) {
                        listing.filter(d -> Files.exists(d.resolve("libdjl_torch.so")))
                                .forEach(d -> flavors.add(d.getFileName().toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            flavors.sort(null);
            return flavors;
        }

        private static Properties properties(String resource) {
            Properties p = new Properties();
            try (InputStream in = TorchLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        }
    }
}
