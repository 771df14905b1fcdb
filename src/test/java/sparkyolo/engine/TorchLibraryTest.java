package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a node's own libtorch: what a folder tells, the errors naming the setting, the check after loading. */
class TorchLibraryTest {
    @TempDir
    Path tmp;

    /** A pip install's layout: site-packages/torch/{version.py,lib/}, the CUDA runtime under site-packages/nvidia. */
    private Path pipInstall(String versionPy, boolean cudaLibs) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("site-packages/torch/lib"));
        Files.createFile(lib.resolve("libtorch.so"));
        Files.createFile(lib.resolve("libtorch_cpu.so"));
        if (cudaLibs) {
            Files.createFile(lib.resolve("libtorch_cuda.so"));
            Path cudart = Files.createDirectories(tmp.resolve("site-packages/nvidia/cuda_runtime/lib"));
            Files.createFile(cudart.resolve("libcudart.so.12"));
        }
        Files.writeString(lib.resolveSibling("version.py"), versionPy);
        return lib;
    }

    private static TorchLibrary.Jni jni(Path cache) {
        return new TorchLibrary.Jni("2.7.1", "0.36.0", List.of("cpu", "cu128"), cache);
    }

    private TorchLibrary.Choice choose(Map<String, String> settings) {
        return TorchLibrary.choose(settings::get, jni(tmp.resolve("cache/pytorch")));
    }

    @Test
    void pipCudaInstallTellsVersionFlavorAndCudaRuntime() throws IOException {
        Path lib = pipInstall("__version__ = '2.7.1+cu128'\ndebug = False\ncuda: Optional[str] = '12.8'\n", true);
        TorchFolder f = TorchFolder.inspect(lib);
        assertEquals("2.7.1", f.version());
        assertEquals("cu128", f.flavor());
        assertTrue(f.cudaLibs());
        assertEquals(tmp.resolve("site-packages/nvidia/cuda_runtime/lib"), f.cudartDir());
        TorchLibrary.Choice c = choose(Map.of(TorchLibrary.PATH, lib.toString()));
        assertEquals(new TorchLibrary.Choice(lib, "2.7.1", "cu128"), c);
    }

    @Test
    void pipCpuInstallIsCpu() throws IOException {
        Path lib = pipInstall("__version__ = '2.7.1+cpu'\ncuda: Optional[str] = None\n", false);
        TorchFolder f = TorchFolder.inspect(lib);
        assertEquals("2.7.1", f.version());
        assertEquals("cpu", f.flavor());
        assertNull(f.cudartDir());
    }

    @Test
    void libtorchZipAndDjlCacheLayouts() throws IOException {
        Path zipLib = Files.createDirectories(tmp.resolve("libtorch/lib"));
        Files.createFile(zipLib.resolve("libtorch_cuda.so"));
        Files.writeString(tmp.resolve("libtorch/build-version"), "2.7.1+cu128\n");
        assertEquals(List.of("2.7.1", "cu128"), List.of(TorchFolder.inspect(zipLib).version(), TorchFolder.inspect(zipLib).flavor()));

        Path cache = Files.createDirectories(tmp.resolve("pytorch/2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals(List.of("2.7.1", "cpu"), List.of(TorchFolder.inspect(cache).version(), TorchFolder.inspect(cache).flavor()));

        // Nothing beside the libs: no version; no CUDA libraries, so a CPU build.
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        assertNull(TorchFolder.inspect(bare).version());
        assertEquals("cpu", TorchFolder.inspect(bare).flavor());
    }

    @Test
    void noSettingsIsTheBundledBuild() {
        TorchLibrary.Choice c = choose(Map.of());
        assertFalse(c.external());
        assertEquals("2.7.1", c.version());
    }

    @Test
    void aFolderWithoutLibtorchIsAnErrorNamingTheSetting() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var e = assertThrows(IllegalArgumentException.class, () -> choose(Map.of(TorchLibrary.PATH, empty.toString())));
        assertTrue(e.getMessage().startsWith("PYTORCH_LIBRARY_PATH=" + empty + ": no libtorch.so in that folder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> choose(Map.of(TorchLibrary.PATH, tmp.resolve("missing").toString())));
        assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH=") && e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void aVersionWithoutItsJniIsAnErrorUnlessTheFolderOrCacheHoldsOne() throws IOException {
        Path lib = pipInstall("__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n", true);
        var e = assertThrows(IllegalArgumentException.class, () -> choose(Map.of(TorchLibrary.PATH, lib.toString())));
        assertTrue(e.getMessage().startsWith("PYTORCH_VERSION=2.11.0"), e.getMessage());
        assertTrue(e.getMessage().contains("built for libtorch 2.7.1 only"), e.getMessage());

        Path cached = jni(tmp.resolve("cache/pytorch")).cached("2.11.0", "cu130");
        assertEquals(tmp.resolve("cache/pytorch/2.11.0-cu130-linux-x86_64/0.36.0-libdjl_torch.so"), cached);
        Files.createDirectories(cached.getParent());
        Files.createFile(cached);
        assertEquals(new TorchLibrary.Choice(lib, "2.11.0", "cu130"), choose(Map.of(TorchLibrary.PATH, lib.toString())));

        Files.delete(cached);
        Files.createFile(lib.resolve("libdjl_torch.so"));
        assertEquals("cu130", choose(Map.of(TorchLibrary.PATH, lib.toString())).flavor());
    }

    @Test
    void aGivenVersionMustMatchTheFolder() throws IOException {
        Path lib = pipInstall("__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n", true);
        var e = assertThrows(IllegalArgumentException.class,
                () -> choose(Map.of(TorchLibrary.PATH, lib.toString(), TorchLibrary.VERSION, "2.7.1")));
        assertTrue(e.getMessage().startsWith("PYTORCH_VERSION=2.7.1, but PYTORCH_LIBRARY_PATH=" + lib + " holds libtorch 2.11.0"),
                e.getMessage());
    }

    @Test
    void flavorsTheJniLacksOrTheFolderCannotServeAreErrors() throws IOException {
        Path lib = pipInstall("__version__ = '2.7.1+cu126'\ncuda: Optional[str] = '12.6'\n", true);
        var e = assertThrows(IllegalArgumentException.class, () -> choose(Map.of(TorchLibrary.PATH, lib.toString())));
        assertTrue(e.getMessage().startsWith("PYTORCH_FLAVOR=cu126"), e.getMessage());
        assertTrue(e.getMessage().contains("exists for cpu, cu128 only"), e.getMessage());

        Path cpu = Files.createDirectories(tmp.resolve("cpu"));
        Files.createFile(cpu.resolve("libtorch.so"));
        Map<String, String> settings = new HashMap<>(Map.of(TorchLibrary.PATH, cpu.toString(), TorchLibrary.VERSION, "2.7.1"));
        assertEquals("cpu", choose(settings).flavor());
        settings.put(TorchLibrary.FLAVOR, "cu128");
        e = assertThrows(IllegalArgumentException.class, () -> choose(settings));
        assertTrue(e.getMessage().startsWith("PYTORCH_FLAVOR=cu128, but PYTORCH_LIBRARY_PATH=" + cpu + " has no libtorch_cuda.so"),
                e.getMessage());
        settings.put(TorchLibrary.FLAVOR, "gpu");
        e = assertThrows(IllegalArgumentException.class, () -> choose(settings));
        assertTrue(e.getMessage().startsWith("PYTORCH_FLAVOR=gpu: expected cpu or cuXYZ"), e.getMessage());
    }

    @Test
    void aFolderThatDoesNotTellItsVersionNeedsTheSetting() throws IOException {
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Files.createFile(bare.resolve("libtorch.so"));
        var e = assertThrows(IllegalArgumentException.class, () -> choose(Map.of(TorchLibrary.PATH, bare.toString())));
        assertTrue(e.getMessage().contains("set PYTORCH_VERSION"), e.getMessage());
        assertEquals(new TorchLibrary.Choice(bare, "2.7.1", "cpu"),
                choose(Map.of(TorchLibrary.PATH, bare.toString(), TorchLibrary.VERSION, "2.7.1")));
    }

    @Test
    void theJarsJniIsFoundWithItsFlavors() {
        TorchLibrary.Jni bundled = TorchLibrary.Jni.bundled();
        // pytorch-jni 2.7.1-0.36.0 holds jnilib/linux-x86_64/{cpu,cu128}/libdjl_torch.so
        assertEquals("2.7.1", bundled.version());
        assertEquals("0.36.0", bundled.djlVersion());
        assertEquals(List.of("cpu", "cu128"), bundled.flavors());
    }

    @Test
    void mappedLibrariesAreReadFromTheMapsFile() {
        List<String> maps = List.of(
                "7f0000000000-7f0000001000 r--p 00000000 fd:01 42                         /opt/a b/lib/libc10.so",
                "7f0000002000-7f0000003000 r-xp 00001000 fd:01 43                         /opt/a b/lib/libtorch_cpu.so",
                "7ffd00000000-7ffd00001000 rw-p 00000000 00:00 0                          [stack]");
        assertEquals(Path.of("/opt/a b/lib"), MappedLibraries.folderOf("libtorch_cpu.so", maps));
        assertNull(MappedLibraries.folderOf("libtorch_cuda.so", maps));
    }

    @Test
    void afterLoadingTheMappedLibtorchIsTheOneDjlReports() throws IOException {
        TorchLibrary.Loaded loaded = Engines.library();
        assertTrue(Files.isSameFile(Path.of(LibUtils.getLibtorchPath()), MappedLibraries.folderOf("libtorch_cpu.so")));
        assertFalse(loaded.external());
        assertEquals("cpu", loaded.flavor());
        assertFalse(loaded.cuda());
        assertTrue(loaded.describe().contains("(bundled), no CUDA"), loaded.describe());

        // A folder other than the one mapped: the silent fallback that the check must catch.
        Path other = Files.createDirectories(tmp.resolve("other"));
        var e = assertThrows(IllegalStateException.class, () -> TorchLibrary.verify(
                new TorchLibrary.Choice(other, "2.7.1", "cpu"), Engines.pytorch()));
        assertTrue(e.getMessage().startsWith("PYTORCH_LIBRARY_PATH=" + other + " was not loaded: this process maps libtorch from "
                + loaded.dir()), e.getMessage());
    }
}
