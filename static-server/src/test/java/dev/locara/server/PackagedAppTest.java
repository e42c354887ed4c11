package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web app packaged in a jar under locara-webapp/, as the app-ui module builds it. */
class PackagedAppTest {

    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void servesTheAppFromAJarOnTheClasspath() throws Exception {
        Path jar = dir.resolve("app-ui.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : new String[] {"locara-webapp/", "locara-webapp/assets/"}) {
                out.putNextEntry(new JarEntry(folder));
            }
            put(out, "locara-webapp/index.html", "<!doctype html><title>packaged</title>");
            put(out, "locara-webapp/assets/app.wasm", "\0asm");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             StaticServer server = StaticServer.start(ServerOptions.loopback(0, null, dir), loader)) {
            var index = get(server, "");
            assertEquals(200, index.statusCode());
            assertEquals("<!doctype html><title>packaged</title>", index.body());
            assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
            var wasm = get(server, "assets/app.wasm");
            assertEquals(200, wasm.statusCode());
            assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(404, get(server, "assets").statusCode()); // a directory entry, not a file
            assertEquals(404, get(server, "assets/").statusCode());
            assertEquals(404, get(server, "missing.js").statusCode());
        }
    }

    @Test
    void withoutPackagedAppOrAppFolderStartFailsWithAClearMessage() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            var e = assertThrows(IllegalStateException.class,
                    () -> StaticServer.start(ServerOptions.loopback(0, null, null), empty));
            assertEquals("The web app is not in this jar: build with mvn package or pass --app DIR", e.getMessage());
        }
    }

    static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(StaticServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
