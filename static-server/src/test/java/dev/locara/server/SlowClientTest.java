package dev.locara.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and stalled clients against the real server. Everything is judged by counting (requests answered while
 * the slow ones are still held, bytes received, connections closed), never by how long something took; socket
 * timeouts are only there so that a regression fails instead of hanging.
 */
class SlowClientTest {

    static final String PAGE = "<!doctype html><title>Locara</title>";
    // Far more than the kernel's socket buffers on both sides, so a client that hardly reads keeps the server
    // in the middle of its response. Sparse: it takes no disk space.
    static final long MODEL_SIZE = 1L << 30;
    static final int SLOW_CLIENTS = 64; // well over the I/O and worker threads together
    static final int NORMAL_REQUESTS = 100;

    @TempDir
    Path root;

    private StaticServer start(ConnectionLimits limits) throws IOException {
        Path app = Files.createDirectories(root.resolve("app"));
        Path models = Files.createDirectories(root.resolve("models"));
        Files.writeString(app.resolve("index.html"), PAGE);
        try (RandomAccessFile file = new RandomAccessFile(models.resolve("big.gguf").toFile(), "rw")) {
            file.setLength(MODEL_SIZE);
        }
        return StaticServer.start(ServerOptions.loopback(0, app, models), StaticServer.class.getClassLoader(), limits);
    }

    /** Opens a connection with a tiny receive window and asks for the whole model (or a range of it). */
    private static Socket download(StaticServer server, String range) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the window is small from the start
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket.getOutputStream().write(("GET /models/big.gguf HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + (range == null ? "" : "\r\nRange: " + range) + "\r\n\r\n").getBytes(ISO_8859_1));
        return socket;
    }

    /** Reads one byte and says whether the connection is still open (not closed or reset by the server). */
    private static boolean readsOneByte(Socket socket) {
        try {
            return socket.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void manySlowDownloadsDoNotHoldUpTheAppShell() throws Exception {
        try (StaticServer server = start(ConnectionLimits.DEFAULT)) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(download(server, i % 2 == 0 ? null : "bytes=" + (i * 1_000_000L) + "-"));
                }
                // Every slow download has begun: its status line has arrived (read byte by byte, slowly).
                for (Socket socket : slow) {
                    String status = new String(socket.getInputStream().readNBytes(12), ISO_8859_1);
                    assertTrue(status.equals("HTTP/1.1 200") || status.equals("HTTP/1.1 206"), status);
                }
                int answered = 0;
                for (int i = 0; i < NORMAL_REQUESTS; i++) {
                    // A byte more from each slow client between requests: they trickle, they do not stop.
                    slow.get(i % SLOW_CLIENTS).getInputStream().read();
                    var response = RawHttp.get(server.port(), "/", "127.0.0.1:" + server.port());
                    if (response.status() == 200 && response.body().equals(PAGE)) {
                        answered++;
                    }
                }
                assertEquals(NORMAL_REQUESTS, answered);
                // ...and all that happened while every slow download was still held open, far from its end.
                long open = slow.stream().filter(SlowClientTest::readsOneByte).count();
                assertEquals(SLOW_CLIENTS, open);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedByTheIdleTimeout() throws Exception {
        try (StaticServer server = start(ConnectionLimits.DEFAULT.withTimeouts(200, 10_000, 60_000));
             Socket stalled = download(server, null)) {
            // Reads nothing at all for fifteen times the timeout (a pause, not a measurement). Reading then
            // drains what the kernel buffered and meets the end, long before a gigabyte; without the write
            // timeout the whole file arrives instead.
            Thread.sleep(3000);
            long received = 0;
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[1 << 16];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received += n;
                }
            } catch (SocketException reset) {
                // a reset is the server closing too
            }

            assertTrue(received < MODEL_SIZE / 4, "received " + received);
            assertEquals(200, RawHttp.get(server.port(), "/", "127.0.0.1:" + server.port()).status());
        }
    }

    @Test
    void halfSentRequestsAndSilentConnectionsAreDropped() throws Exception {
        try (StaticServer server = start(ConnectionLimits.DEFAULT.withTimeouts(120_000, 300, 300))) {
            List<Socket> dangling = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.setSoTimeout(30_000);
                    if (i % 2 == 0) { // slowloris: a request line and one header, never the blank line
                        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                                .getBytes(ISO_8859_1));
                    }
                    dangling.add(socket);
                }
                assertEquals(200, RawHttp.get(server.port(), "/", "127.0.0.1:" + server.port()).status());
                int closed = 0;
                for (Socket socket : dangling) {
                    byte[] rest = socket.getInputStream().readAllBytes(); // returns once the server closes
                    String text = new String(rest, ISO_8859_1);
                    if (!text.contains(PAGE)) {
                        closed++;
                    }
                }
                assertEquals(dangling.size(), closed);
            } finally {
                for (Socket socket : dangling) {
                    socket.close();
                }
            }
        }
    }
}
