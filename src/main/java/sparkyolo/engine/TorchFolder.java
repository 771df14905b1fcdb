package sparkyolo.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a libtorch lib folder says about itself: the version and flavor (cpu, cu128, …) from the
 * files that the common layouts put beside it, whether it holds the CUDA libraries, and where the
 * CUDA runtime that DJL's GPU detection loads lies.
 *
 * <ul>
 *   <li>a pip install ({@code site-packages/torch/lib}): {@code ../version.py} ({@code __version__ =
 *       '2.7.1+cu128'}, {@code cuda = '12.8'}), the CUDA runtime in {@code site-packages/nvidia/…/lib};
 *   <li>a libtorch zip ({@code libtorch/lib}): {@code ../build-version} ({@code 2.7.1+cu128});
 *   <li>DJL's cache ({@code 2.7.1-20250812-cpu-linux-x86_64}): the folder's name.
 * </ul>
 *
 * @param version    {@code major.minor.patch}, or null when no file tells
 * @param flavor     {@code cpu} or {@code cuXYZ}, or null when no file tells
 * @param versionSource the file the version and flavor came from (for messages), or null
 * @param cudaLibs   whether the folder holds {@code libtorch_cuda.so}
 * @param cudartDir  a folder holding {@code libcudart.so*} for this libtorch, or null
 */
record TorchFolder(Path dir, String version, String flavor, String versionSource, boolean cudaLibs, Path cudartDir) {
    static final String LIBTORCH = "libtorch.so";
    private static final Pattern PY_VERSION = Pattern.compile("(?m)^__version__\\s*=\\s*['\"](\\d+\\.\\d+\\.\\d+)[^'\"]*['\"]");
    private static final Pattern PY_CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=]*)?=\\s*(?:['\"](\\d+)\\.(\\d+)[^'\"]*['\"]|None)");
    private static final Pattern BUILD_VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:[^+]*)(?:\\+(cpu|cu\\d+))?\\s*");
    private static final Pattern CACHE_NAME = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:-\\d+)?-(cpu|cu\\d+)(?:-precxx11)?-[a-z]+-[a-z0-9_]+");

    /** Inspects {@code dir} (which must exist). */
    static TorchFolder inspect(Path dir) {
        boolean cuda = Files.exists(dir.resolve("libtorch_cuda.so"));
        Path parent = dir.toAbsolutePath().getParent();
        String[] found = parent == null ? null : fromVersionPy(parent.resolve("version.py"));
        String source = found == null ? null : parent.resolve("version.py").toString();
        if (found == null && parent != null) {
            found = fromBuildVersion(parent.resolve("build-version"));
            source = found == null ? null : parent.resolve("build-version").toString();
        }
        if (found == null) {
            Matcher m = CACHE_NAME.matcher(dir.getFileName() == null ? "" : dir.getFileName().toString());
            if (m.matches()) {
                found = new String[] {m.group(1), m.group(2)};
                source = "the folder's name";
            }
        }
        String version = found == null ? null : found[0];
        String flavor = found == null ? null : found[1];
        if (flavor == null && !cuda) {
            flavor = "cpu"; // no CUDA libraries: whatever the version, a CPU build
        }
        return new TorchFolder(dir, version, flavor, source, cuda, cudartDir(dir));
    }

    /** Whether {@code dir} holds a JNI library of DJL {@code djlVersion} (DJL looks there first). */
    boolean hasOwnJni(String djlVersion) {
        return Files.exists(dir.resolve(djlVersion + "-libdjl_torch.so")) || Files.exists(dir.resolve("libdjl_torch.so"));
    }

    /** {version, flavor} from a pip install's version.py; null when absent or unreadable. */
    private static String[] fromVersionPy(Path file) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        Matcher v = PY_VERSION.matcher(text);
        if (!v.find()) {
            return null;
        }
        Matcher c = PY_CUDA.matcher(text);
        String flavor = null;
        if (c.find()) {
            flavor = c.group(1) == null ? "cpu" : "cu" + c.group(1) + c.group(2);
        }
        return new String[] {v.group(1), flavor};
    }

    /** {version, flavor} from a libtorch zip's build-version ({@code 2.7.1+cu128}); null when absent. */
    private static String[] fromBuildVersion(Path file) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        Matcher m = BUILD_VERSION.matcher(text.trim());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /**
     * The folder of the CUDA runtime this libtorch was installed with: {@code dir} itself, or a pip
     * install's {@code site-packages/nvidia/<package>/lib} (cuda_runtime for CUDA 12, cu13 for 13).
     */
    private static Path cudartDir(Path dir) {
        if (hasCudart(dir)) {
            return dir;
        }
        Path sitePackages = dir.toAbsolutePath().getParent() == null ? null : dir.toAbsolutePath().getParent().getParent();
        Path nvidia = sitePackages == null ? null : sitePackages.resolve("nvidia");
        if (nvidia == null || !Files.isDirectory(nvidia)) {
            return null;
        }
        try (Stream<Path> packages = Files.list(nvidia)) {
            List<Path> libs = packages.map(p -> p.resolve("lib")).filter(TorchFolder::hasCudart).sorted().toList();
            return libs.isEmpty() ? null : libs.get(libs.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasCudart(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("libcudart.so"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
