package sparkyolo.dist;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of the all-reduce benchmark: a plain loopback TCP connection between two tasks,
 * each sending and receiving the same number of bytes at once, as a replica does in an all-reduce.
 */
final class LoopbackTcp implements Closeable {
    private static final int CHUNK = 1 << 20;
    private final ServerSocket server;

    private LoopbackTcp(ServerSocket server) {
        this.server = server;
    }

    static LoopbackTcp listen() throws IOException {
        return new LoopbackTcp(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Times {@code rounds} exchanges of {@code bytes} in each direction. One side accepts on its
     * own server socket, the other connects to the peer's {@code peerPort}.
     *
     * @return the milliseconds of each exchange
     */
    double[] exchange(boolean accept, int peerPort, long bytes, int rounds) throws IOException, InterruptedException {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = accept ? server.accept() : new Socket(InetAddress.getLoopbackAddress(), peerPort)) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] sendBuffer = new byte[CHUNK];
            byte[] receiveBuffer = new byte[CHUNK];
            double[] millis = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                Future<?> sent = writer.submit(() -> {
                    for (long left = bytes; left > 0; left -= CHUNK) {
                        out.write(sendBuffer, 0, (int) Math.min(CHUNK, left));
                    }
                    out.flush();
                    return null;
                });
                for (long left = bytes; left > 0; ) {
                    int n = in.read(receiveBuffer, 0, (int) Math.min(CHUNK, left));
                    if (n < 0) {
                        throw new IOException("peer closed the connection with " + left + " bytes to go");
                    }
                    left -= n;
                }
                sent.get();
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
            return millis;
        } catch (ExecutionException e) {
            throw new IOException("sending failed", e.getCause());
        } finally {
            writer.shutdownNow();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
