package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSessionTest {
    /** A peer as original_train.py behaves: logging, "ready", then one JSON answer per request line. */
    private static final String PEER = String.join("\n",
            "import json, sys",
            "print('loading the model...')",
            "print(json.dumps({'ready': True, 'torch': 'x'}), flush=True)",
            "for line in sys.stdin:",
            "    n = int(line)",
            "    if n < 0:",
            "        print('cannot train', n, 'batches', flush=True)",
            "        sys.exit(3)",
            "    print('Scanning labels...', flush=True)",
            "    print(json.dumps({'batches': n, 'images': 2 * n}), flush=True)",
            "");

    @TempDir
    Path dir;

    private PeerSession start() throws IOException {
        Optional<String> python = PythonPeer.find(null, "json");
        assumeTrue(python.isPresent(), "no python3 on this machine: the peer session is not tested");
        Path script = Files.writeString(dir.resolve("peer.py"), PEER);
        Process p = new ProcessBuilder(python.get(), script.toString()).redirectErrorStream(true).start();
        return new PeerSession("peer.py", p, script);
    }

    @Test
    void answersEachRequestWithItsJsonLineSkippingThePeersOwnOutput() throws IOException {
        Path script;
        try (PeerSession peer = start()) {
            assertTrue(peer.next().get("ready").asBoolean());
            assertEquals(8, peer.request("4").get("images").asInt());
            assertEquals(2, peer.request("1").get("images").asInt());
            script = dir.resolve("peer.py");
        }
        assertFalse(Files.exists(script), "the extracted script is removed on close");
    }

    @Test
    void aPeerThatExitsFailsTheRequestWithItsExitCodeAndLastLines() throws IOException {
        try (PeerSession peer = start()) {
            peer.next();
            IOException e = assertThrows(IOException.class, () -> peer.request("-1"));
            assertTrue(e.getMessage().startsWith("peer.py ended with exit code 3: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("loading the model...\ncannot train -1 batches"), e.getMessage());
        }
    }
}
