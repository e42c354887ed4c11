package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Methods, HEAD, the Range cases Undertow alone gets wrong, and conditionals next to ranges, over real HTTP. */
class RangeAndMethodTest {

    static final byte[] MODEL = new byte[1000];

    @TempDir
    static Path root;
    static StaticServer server;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        for (int i = 0; i < MODEL.length; i++) {
            MODEL[i] = (byte) (i * 7 + 3);
        }
        Path app = Files.createDirectories(root.resolve("app"));
        Path models = Files.createDirectories(root.resolve("models"));
        Files.writeString(app.resolve("index.html"), "<!doctype html><title>Locara</title>");
        Files.write(models.resolve("m.gguf"), MODEL);
        Files.write(models.resolve("empty.gguf"), new byte[0]);
        server = StaticServer.start(ServerOptions.loopback(0, app, models));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS /", "OPTIONS *", "TRACE /", "TRACE /models/m.gguf", "DELETE /models/m.gguf",
            "PATCH /index.html", "PROPFIND /", "CONNECT 127.0.0.1:PORT"})
    void everyOtherMethodGets405WithAllow(String requestLine) throws IOException {
        String line = requestLine.replace("PORT", String.valueOf(server.port()));
        var response = RawHttp.send(server.port(), line + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port());
        assertEquals(405, response.status(), line + " -> " + response.whole());
        assertEquals("GET, HEAD", response.headers().get("allow"));
        assertEquals("Only GET and HEAD are supported\n", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/models/m.gguf", "/missing.js", "/models/missing.gguf"})
    void headGivesTheHeadersOfGetAndNoBody(String path) throws Exception {
        var get = send("GET", path);
        var head = send("HEAD", path);
        assertEquals(get.statusCode(), head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(withoutDate(get.headers().map()), withoutDate(head.headers().map()));
    }

    @Test
    void headOfARangeIsA206WithoutBody() throws Exception {
        var head = send("HEAD", "/models/m.gguf", "Range", "bytes=10-19");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 10-19/1000", header(head, "Content-Range"));
        assertEquals("10", header(head, "Content-Length"));
        assertEquals(0, head.body().length);
    }

    private static Map<String, Object> withoutDate(Map<String, ? extends Object> headers) {
        Map<String, Object> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.remove("date");
        return copy;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes=0-9,20-29      | this server sends one range per request, and this one asks for 2; ask for them one at a time",
            "bytes=0-9, 5-15, 900- | this server sends one range per request, and this one asks for 3; ask for them one at a time",
            "bytes=abc            | the range 'abc' is not of the form first-last, first- or -suffix",
            "bytes=1-2-3          | the range '1-2-3' is not of the form first-last, first- or -suffix",
            "bytes=-1-2           | the range '-1-2' is not of the form first-last, first- or -suffix",
            "bytes=+1-2           | the range '+1-2' is not of the form first-last, first- or -suffix",
            "bytes=0x10-          | the range '0x10-' is not of the form first-last, first- or -suffix",
            "bytes=-              | the range '-' is not of the form first-last, first- or -suffix",
            "bytes=               | the Range header names no range",
            "bytes=,              | the Range header names no range",
            "garbage              | the Range header 'garbage' is not of the form bytes=first-last",
            "bytes=9-3            | the range '9-3' ends before it starts",
            "bytes=-0             | the range asks for the last 0 bytes",
            "bytes=1000-          | the range starts at byte 1000, past the end of this 1000-byte file",
            "bytes=5000-6000      | the range starts at byte 5000, past the end of this 1000-byte file",
            "bytes=99999999999999999999999- | the range starts at byte 9223372036854775807, past the end of this 1000-byte file",
    })
    void badRangesGet416WithTheSizeAndASentence(String range, String why) throws Exception {
        var response = send("GET", "/models/m.gguf", "Range", range);
        assertEquals(416, response.statusCode(), range);
        assertEquals("bytes */1000", header(response, "Content-Range"));
        assertEquals("text/plain; charset=utf-8", header(response, "Content-Type"));
        assertEquals("Range not satisfiable: " + why + ".\n", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void twoRangeHeadersAreTwoRanges() throws IOException {
        var response = RawHttp.send(server.port(), "GET /models/m.gguf HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nRange: bytes=0-1\r\nRange: bytes=5-6");
        assertEquals(416, response.status(), response.whole());
        assertEquals("bytes */1000", response.headers().get("content-range"));
    }

    @Test
    void anEmptyFileHasNoSatisfiableRange() throws Exception {
        assertEquals(416, send("GET", "/models/empty.gguf", "Range", "bytes=0-").statusCode());
        assertEquals(416, send("GET", "/models/empty.gguf", "Range", "bytes=-5").statusCode());
        assertEquals(200, send("GET", "/models/empty.gguf").statusCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes= 100-199          | 100 | 199",  // optional whitespace of the list grammar
            "BYTES=100-199           | 100 | 199",  // the unit is case-insensitive
            "bytes=100-199,          | 100 | 199",  // empty list elements are allowed
            "bytes=990-5000          | 990 | 999",  // a last byte past the end means the end
            "bytes=0-99999999999999999999999 | 0 | 999",
            "bytes=-4                | 996 | 999",
            "bytes=-5000             | 0   | 999",  // a suffix longer than the file is the whole file
            "bytes=999-              | 999 | 999",
    })
    void validRangesGive206(String range, int first, int last) throws Exception {
        var response = send("GET", "/models/m.gguf", "Range", range);
        assertEquals(206, response.statusCode(), range);
        assertEquals("bytes " + first + "-" + last + "/1000", header(response, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(MODEL, first, last + 1), response.body());
    }

    @Test
    void anotherRangeUnitIsIgnored() throws Exception {
        var response = send("GET", "/models/m.gguf", "Range", "items=0-5"); // RFC 9110 14.2: ignore unknown units
        assertEquals(200, response.statusCode());
        assertArrayEquals(MODEL, response.body());
    }

    @Test
    void preconditionsComeBeforeTheRange() throws Exception {
        var full = send("GET", "/models/m.gguf");
        String etag = header(full, "ETag");
        assertEquals(304, send("GET", "/models/m.gguf", "If-None-Match", etag, "Range", "bytes=9-3").statusCode());
        assertEquals(304, send("GET", "/models/m.gguf", "If-None-Match", etag, "Range", "bytes=0-9").statusCode());
        assertEquals(304, send("GET", "/models/m.gguf", "If-Modified-Since", header(full, "Last-Modified"),
                "Range", "bytes=5000-").statusCode());
        assertEquals(412, send("GET", "/models/m.gguf", "If-Match", "\"other\"", "Range", "bytes=0-9").statusCode());
        var matching = send("GET", "/models/m.gguf", "If-Match", etag, "Range", "bytes=0-9");
        assertEquals(206, matching.statusCode());
        // A stale If-Range turns the request into a plain GET: the whole file, whatever the range said.
        var stale = send("GET", "/models/m.gguf", "If-Range", "\"stale\"", "Range", "bytes=0-9,20-29");
        assertEquals(200, stale.statusCode());
        assertArrayEquals(MODEL, stale.body());
        var current = send("GET", "/models/m.gguf", "If-Range", etag, "Range", "bytes=5000-");
        assertEquals(416, current.statusCode());
    }

    @Test
    void theAppShellRevalidatesToo() throws Exception {
        var page = send("GET", "/index.html");
        assertEquals(304, send("GET", "/index.html", "If-None-Match", header(page, "ETag")).statusCode());
        assertEquals(304, send("GET", "/", "If-None-Match", header(page, "ETag")).statusCode());
        assertEquals(304, send("GET", "/index.html", "If-Modified-Since", header(page, "Last-Modified")).statusCode());
        var old = send("GET", "/index.html", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT");
        assertEquals(200, old.statusCode());
        assertTrue(new String(old.body(), StandardCharsets.UTF_8).contains("Locara"));
        assertEquals(200, send("GET", "/index.html", "If-None-Match", "\"other\"").statusCode());
    }
}
