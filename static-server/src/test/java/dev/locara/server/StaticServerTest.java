package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The server over real HTTP: one instance on a free loopback port, with folders made here. */
class StaticServerTest {

    static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ROOTS";
    static final String DECOY = "DECOY-INSIDE-THE-APP"; // served if a traversal were merely canonicalized
    static final byte[] MODEL = new byte[1000];

    @TempDir
    static Path root;
    static Path app;
    static Path models;
    static StaticServer server;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        for (int i = 0; i < MODEL.length; i++) {
            MODEL[i] = (byte) (i % 251);
        }
        app = Files.createDirectories(root.resolve("app"));
        models = Files.createDirectories(root.resolve("models"));
        Files.writeString(root.resolve("secret"), SECRET);
        Files.writeString(root.resolve("pom.xml"), SECRET);
        Files.writeString(app.resolve("secret"), DECOY);
        Files.writeString(app.resolve("pom.xml"), DECOY);
        Files.writeString(app.resolve("index.html"), "<!doctype html><title>Locara</title>");
        for (String name : List.of("app.js", "worker.mjs", "core.wasm", "data.json", "site.webmanifest", "matmul.wgsl",
                "style.css", "logo.svg", "logo.png", "favicon.ico", "notes.txt", "blob.bin", "noextension", "UPPER.JS")) {
            Files.writeString(app.resolve(name), "content of " + name);
        }
        Files.createDirectories(app.resolve("sub"));
        Files.writeString(app.resolve("sub/listed-file.txt"), "x");
        Files.createDirectories(app.resolve("withindex"));
        Files.writeString(app.resolve("withindex/index.html"), "inner index");
        Files.write(models.resolve("tiny.gguf"), MODEL);
        Files.createDirectories(models.resolve("nested"));
        Files.writeString(models.resolve("nested/listed-model.gguf"), "x");
        // Links out of the roots must not be followed.
        Files.createSymbolicLink(app.resolve("link.txt"), root.resolve("secret"));
        Files.createSymbolicLink(app.resolve("linkdir"), root);
        Files.createSymbolicLink(models.resolve("link.gguf"), root.resolve("secret"));
        server = StaticServer.start(ServerOptions.loopback(0, app, models));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    static RawHttp.Response raw(String target) throws IOException {
        return RawHttp.get(server.port(), target, "127.0.0.1:" + server.port());
    }

    @Test
    void urlNamesLoopbackAndTheChosenPort() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port() + "/", server.url());
    }

    @Test
    void rootServesIndexHtml() throws Exception {
        var response = get("/");
        assertEquals(200, response.statusCode());
        assertEquals("<!doctype html><title>Locara</title>", text(response));
        assertEquals("text/html; charset=utf-8", header(response, "Content-Type"));
        assertEquals("no-cache", header(response, "Cache-Control"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/index.html       | text/html; charset=utf-8",
            "/app.js           | text/javascript; charset=utf-8",
            "/UPPER.JS         | text/javascript; charset=utf-8",
            "/worker.mjs       | text/javascript; charset=utf-8",
            "/core.wasm        | application/wasm",
            "/data.json        | application/json",
            "/site.webmanifest | application/manifest+json",
            "/matmul.wgsl      | text/wgsl; charset=utf-8",
            "/style.css        | text/css; charset=utf-8",
            "/logo.svg         | image/svg+xml",
            "/logo.png         | image/png",
            "/favicon.ico      | image/x-icon",
            "/notes.txt        | text/plain; charset=utf-8",
            "/blob.bin         | application/octet-stream",
            "/noextension      | application/octet-stream",
            "/models/tiny.gguf | application/octet-stream",
    })
    void mimeTypes(String path, String type) throws Exception {
        var response = get(path);
        assertEquals(200, response.statusCode());
        assertEquals(type, header(response, "Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app.js", "/models/tiny.gguf", "/missing.js", "/models/missing.gguf", "/sub/"})
    void securityHeadersOnEveryResponse(String path) throws Exception {
        assertSecurityHeaders(get(path).headers().map().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0))));
    }

    @Test
    void securityHeadersOnRefusedAndNotModifiedResponses() throws Exception {
        RawHttp.Response refused = raw("/%2e%2e/secret");
        assertEquals(400, refused.status());
        assertSecurityHeaders(refused.headers());
        var notModified = get("/app.js", "If-None-Match", header(get("/app.js"), "ETag"));
        assertEquals(304, notModified.statusCode());
        assertEquals(StaticServer.CONTENT_SECURITY_POLICY, header(notModified, "Content-Security-Policy"));
    }

    static void assertSecurityHeaders(Map<String, String> headers) {
        assertEquals("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self' "
                + "https://huggingface.co https://cas-server.xethub.hf.co https://cas-server.xethub-eu.hf.co "
                + "https://transfer.xethub.hf.co https://transfer.xethub-eu.hf.co https://us.aws.cdn.hf.co "
                + "https://us.gcp.cdn.hf.co https://cdn-lfs-us-1.hf.co https://cdn-lfs-eu-1.hf.co https://cdn-lfs.hf.co "
                + "https://cdn-lfs.huggingface.co https://cas-bridge.xethub.hf.co; worker-src 'self'; "
                + "style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'", headers.get("content-security-policy"));
        assertEquals("nosniff", headers.get("x-content-type-options"));
        assertEquals("no-referrer", headers.get("referrer-policy"));
        assertEquals("same-origin", headers.get("cross-origin-opener-policy"));
        assertEquals("require-corp", headers.get("cross-origin-embedder-policy"));
        assertEquals("same-origin", headers.get("cross-origin-resource-policy"));
    }

    @Test
    void modelIsServedWholeWithValidators() throws Exception {
        var response = get("/models/tiny.gguf");
        assertEquals(200, response.statusCode());
        assertArrayEquals(MODEL, response.body());
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals("no-cache", header(response, "Cache-Control"));
        assertTrue(header(response, "ETag").matches("\"[^\"]+\""), "strong ETag: " + header(response, "ETag"));
        assertTrue(header(response, "Last-Modified").endsWith(" GMT"));
    }

    @Test
    void singleRangeGives206WithTheRightBytes() throws Exception {
        var response = get("/models/tiny.gguf", "Range", "bytes=100-199");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 100-199/1000", header(response, "Content-Range"));
        assertEquals("100", header(response, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(MODEL, 100, 200), response.body());
    }

    @Test
    void openAndSuffixRanges() throws Exception {
        var tail = get("/models/tiny.gguf", "Range", "bytes=990-");
        assertEquals(206, tail.statusCode());
        assertEquals("bytes 990-999/1000", header(tail, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(MODEL, 990, 1000), tail.body());
        var suffix = get("/models/tiny.gguf", "Range", "bytes=-4");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(MODEL, 996, 1000), suffix.body());
    }

    @Test
    void unsatisfiableRangeGives416() throws Exception {
        var response = get("/models/tiny.gguf", "Range", "bytes=5000-6000");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */1000", header(response, "Content-Range"));
        assertEquals("Range not satisfiable: the range starts at byte 5000, past the end of this 1000-byte file.\n",
                text(response));
    }

    @Test
    void ifNoneMatchGives304() throws Exception {
        String etag = header(get("/models/tiny.gguf"), "ETag");
        var response = get("/models/tiny.gguf", "If-None-Match", etag);
        assertEquals(304, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(etag, header(response, "ETag"));
        assertEquals(200, get("/models/tiny.gguf", "If-None-Match", "\"something-else\"").statusCode());
    }

    @Test
    void ifModifiedSinceGives304() throws Exception {
        String lastModified = header(get("/app.js"), "Last-Modified");
        assertEquals(304, get("/app.js", "If-Modified-Since", lastModified).statusCode());
    }

    @Test
    void ifRangeWithCurrentValidatorGivesTheRange() throws Exception {
        var full = get("/models/tiny.gguf");
        var byEtag = get("/models/tiny.gguf", "Range", "bytes=0-9", "If-Range", header(full, "ETag"));
        assertEquals(206, byEtag.statusCode());
        assertArrayEquals(Arrays.copyOfRange(MODEL, 0, 10), byEtag.body());
        var byDate = get("/models/tiny.gguf", "Range", "bytes=0-9", "If-Range", header(full, "Last-Modified"));
        assertEquals(206, byDate.statusCode());
    }

    @Test
    void ifRangeWithStaleValidatorGivesTheWholeFile() throws Exception {
        var stale = get("/models/tiny.gguf", "Range", "bytes=0-9", "If-Range", "\"stale\"");
        assertEquals(200, stale.statusCode());
        assertArrayEquals(MODEL, stale.body());
        var weak = get("/models/tiny.gguf", "Range", "bytes=0-9", "If-Range", "W/" + header(stale, "ETag"));
        assertEquals(200, weak.statusCode());
        var oldDate = get("/models/tiny.gguf", "Range", "bytes=0-9", "If-Range", "Mon, 01 Jan 2001 00:00:00 GMT");
        assertEquals(200, oldDate.statusCode());
    }

    @Test
    void etagChangesWhenTheFileChanges(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("m.gguf"), "one");
        try (StaticServer other = StaticServer.start(ServerOptions.loopback(0, app, dir))) {
            URI uri = URI.create(other.url() + "models/m.gguf");
            String before = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("ETag").orElseThrow();
            Files.writeString(file, "two!");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            var after = http.send(HttpRequest.newBuilder(uri).header("If-None-Match", before).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode());
            assertEquals("two!", after.body());
            assertNotEquals(before, after.headers().firstValue("ETag").orElseThrow());
        }
    }

    @Test
    void headHasHeadersButNoBody() throws Exception {
        var response = send("HEAD", "/models/tiny.gguf");
        assertEquals(200, response.statusCode());
        assertEquals("1000", header(response, "Content-Length"));
        assertEquals("application/octet-stream", header(response, "Content-Type"));
        assertEquals(header(get("/models/tiny.gguf"), "ETag"), header(response, "ETag"));
        assertEquals(0, response.body().length);
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        var post = send("POST", "/index.html");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));
        assertEquals(405, send("PUT", "/models/tiny.gguf").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sub/", "/sub", "/withindex", "/models/", "/models", "/models/nested", "/models/nested/",
            "/linkdir/", "/models/tiny.gguf/"})
    void directoriesAreNeverListed(String path) throws Exception {
        var response = get(path);
        assertEquals(404, response.statusCode());
        assertFalse(text(response).contains("listed-"), text(response));
    }

    @Test
    void directoryWithIndexServesItWithTrailingSlash() throws Exception {
        var response = get("/withindex/");
        assertEquals(200, response.statusCode());
        assertEquals("inner index", text(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/../pom.xml", "/../secret", "/a/../../secret", "/%2e%2e/secret", "/%2E%2E/secret", "/%2E%2E%2Fsecret",
            "/.%2e/secret", "/%2e./secret", "/%2e%2e%2fsecret", "/models/..%2fsecret", "/models/..%2Fsecret",
            "/models/%5c..%5csecret", "/models/..%5csecret", "/models/../secret", "/models/../../secret",
            "/models/%2e%2e/secret", "/..\\secret", "/models/..\\..\\secret", "/%252e%252e/secret", "/..;/secret",
            "/models/..;/..;/secret", "/secret%00.txt", "/index.html%00", "//../secret", "/./../secret",
            "http://127.0.0.1:PORT/../secret", "/%c0%ae%c0%ae/secret"})
    void traversalIsRefused(String target) throws Exception {
        RawHttp.Response response = raw(target.replace("PORT", String.valueOf(server.port())));
        assertTrue(response.status() == 400 || response.status() == 404, target + " -> " + response.whole());
        assertFalse(response.whole().contains(SECRET), target);
        assertFalse(response.whole().contains(DECOY), target);
    }

    @Test
    void encodedPathsAreRefusedWith400() throws Exception {
        assertEquals(400, raw("/%2e%2e/secret").status());
        assertEquals(400, raw("/models/..%2fsecret").status());
        assertEquals(400, raw("/models/%5c..%5csecret").status());
        assertEquals(400, raw("/../pom.xml").status());
        assertEquals(200, raw("/app.js").status()); // the raw client itself works
    }

    @Test
    void pathCheck() {
        assertTrue(StaticServer.isSafePath("/models/tiny.gguf"));
        assertTrue(StaticServer.isSafePath("/a..b/c.d..e"));
        assertFalse(StaticServer.isSafePath("/x/.."));
        assertFalse(StaticServer.isSafePath("/x/%2E/y"));
        assertFalse(StaticServer.isSafePath("/x%2fy"));
        assertFalse(StaticServer.isSafePath("/x%5Cy"));
        assertFalse(StaticServer.isSafePath("/x\\y"));
        assertFalse(StaticServer.isSafePath("/x\0y"));
        assertFalse(StaticServer.isSafePath("/x%00y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/link.txt", "/linkdir/secret", "/models/link.gguf"})
    void symlinksOutOfTheRootsAreNotFollowed(String path) throws Exception {
        var response = get(path);
        assertEquals(404, response.statusCode());
        assertFalse(text(response).contains(SECRET));
    }

    @Test
    void missingModelExplainsWhatToDo() throws Exception {
        var response = get("/models/llama-3.2-1b.Q4_K_M.gguf");
        assertEquals(404, response.statusCode());
        assertEquals("text/plain; charset=utf-8", header(response, "Content-Type"));
        String body = text(response);
        assertTrue(body.contains("'llama-3.2-1b.Q4_K_M.gguf'"), body);
        assertTrue(body.contains("--models") && body.contains(models.toString()), body);
        assertFalse(body.contains("Exception") || body.contains("\tat "), body);
    }

    @Test
    void missingAppFileIsPlain404() throws Exception {
        var response = get("/nothing-here.js");
        assertEquals(404, response.statusCode());
        assertEquals("Not found\n", text(response));
    }

    @Test
    void withoutModelsFolderTheMessageSaysToPassOne() throws Exception {
        try (StaticServer other = StaticServer.start(ServerOptions.loopback(0, app, null))) {
            var response = http.send(HttpRequest.newBuilder(URI.create(other.url() + "models/tiny.gguf")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("'tiny.gguf'") && response.body().contains("--models DIR"),
                    response.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(other.url())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void missingModelsFolderDoesNotCrashAndIsPickedUpOnceCreated(@TempDir Path dir) throws Exception {
        Path later = dir.resolve("later");
        try (StaticServer other = StaticServer.start(ServerOptions.loopback(0, app, later))) {
            URI uri = URI.create(other.url() + "models/m.gguf");
            var before = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, before.statusCode());
            assertTrue(before.body().contains("'m.gguf'"), before.body());
            Files.createDirectories(later);
            Files.writeString(later.resolve("m.gguf"), "weights");
            var after = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode());
            assertEquals("weights", after.body());
        }
    }

    @Test
    void defaultBindIsLoopbackOnly() throws Exception {
        ServerOptions defaults = ServerOptions.parse("--port", "0", "--app", app.toString());
        try (StaticServer other = StaticServer.start(defaults)) {
            InetSocketAddress bound = other.address();
            assertTrue(bound.getAddress().isLoopbackAddress(), bound.toString());
            assertTrue(other.url().startsWith("http://127.0.0.1:"));
            // Every other address of this machine must refuse the connection.
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && nic.isUp()) {
                        assertThrows(ConnectException.class, () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress(address, other.port()), 2000);
                            }
                        }, address.toString());
                    }
                }
            }
        }
    }

    @Test
    void stopReleasesThePortAndIsIdempotent(@TempDir Path dir) throws Exception {
        StaticServer other = StaticServer.start(ServerOptions.loopback(0, app, dir));
        int port = other.port();
        other.stop();
        other.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void appFolderMustExist(@TempDir Path dir) {
        var e = assertThrows(IllegalStateException.class,
                () -> StaticServer.start(ServerOptions.loopback(0, dir.resolve("gone"), null)));
        assertTrue(e.getMessage().contains("gone"), e.getMessage());
    }

    @Test
    void describesModelsFolder(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing");
        assertTrue(StaticServer.describeModels(missing).contains("does not exist yet"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(StaticServer.describeModels(empty).contains("has no .gguf files"));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("b.gguf"), "b");
        Files.writeString(full.resolve("a.GGUF"), "a");
        Files.writeString(full.resolve("readme.txt"), "r");
        Files.createSymbolicLink(full.resolve("linked.gguf"), full.resolve("b.gguf"));
        String line = StaticServer.describeModels(full);
        assertTrue(line.startsWith("Serving models from " + full.toAbsolutePath() + " at /models/: a.GGUF, b.gguf ("),
                line);
        assertTrue(line.endsWith("not serving symbolic links, copy the files instead: linked.gguf)"), line);
        assertFalse(line.contains("readme"));
        assertFalse(line.contains("\n"));
    }

    @Test
    void securityHeaderNamesAreTheSixRequired() {
        assertEquals(Set.of("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Cross-Origin-Resource-Policy"),
                StaticServer.SECURITY_HEADERS.keySet());
    }

    @Test
    void allowedHostJoinsConnectSrcOfThatServerOnly() throws Exception {
        try (StaticServer extra = StaticServer.start(new ServerOptions("127.0.0.1", 0, app, models,
                List.of("models.example.org")))) {
            HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(extra.url() + "app.js")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String policy = header(response, "Content-Security-Policy");
            assertTrue(policy.contains(" https://cas-bridge.xethub.hf.co https://models.example.org; worker-src"), policy);
        }
        assertTrue(!header(get("/app.js"), "Content-Security-Policy").contains("example.org"));
    }
}
