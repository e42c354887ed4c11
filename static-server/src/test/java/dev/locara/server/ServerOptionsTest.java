package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreLoopbackOn8080WithPackagedAppAndNoModels() {
        ServerOptions options = ServerOptions.parse();
        assertEquals(new ServerOptions("127.0.0.1", 8080, null, null), options);
        assertTrue(StaticServer.isLoopback(options.host()));
    }

    @Test
    void readsEveryOption() {
        ServerOptions options = ServerOptions.parse(
                "--host", "0.0.0.0", "--port", "0", "--models", "no/such/models", "--app", dir.toString());
        assertEquals(new ServerOptions("0.0.0.0", 0, dir, Path.of("no/such/models")), options);
        assertFalse(StaticServer.isLoopback(options.host()));
    }

    @Test
    void missingModelsFolderIsNotAnArgumentError() {
        assertEquals(Path.of("later"), ServerOptions.parse("--models", "later").modelsDir());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus                 | unknown argument '--bogus'",
            "models                  | unknown argument 'models'",
            "--port=8080             | unknown argument '--port=8080'",
            "--port                  | --port needs a value",
            "--host --port 80        | --host needs a value",
            "--models                | --models needs a value",
            "--app                   | --app needs a value",
            "--port abc              | --port must be a number from 0 to 65535, not 'abc'",
            "--port -1               | --port must be a number from 0 to 65535, not '-1'",
            "--port 65536            | --port must be a number from 0 to 65535, not '65536'",
            "--port 80x              | --port must be a number from 0 to 65535, not '80x'",
            "--allow-host            | --allow-host needs a value",
    })
    void rejectsBadArgumentsWithOneClearMessage(String args, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(args.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsBlankValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--host", " "));
        assertEquals("--host needs a value", e.getMessage());
    }

    @Test
    void rejectsAppFolderThatDoesNotExistOrIsAFile() throws IOException {
        Path missing = dir.resolve("missing");
        var e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--app", missing.toString()));
        assertEquals("--app folder does not exist: " + missing.toAbsolutePath(), e.getMessage());
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--app", file.toString()));
    }

    @Test
    void recordRejectsImpossiblePorts() {
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions("127.0.0.1", 65536, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions("127.0.0.1", -1, null, null));
        assertThrows(NullPointerException.class, () -> new ServerOptions(null, 0, null, null));
    }

    @Test
    void helpIsRecognisedAnywhere() {
        assertTrue(ServerOptions.wantsHelp("--help"));
        assertTrue(ServerOptions.wantsHelp("--port", "1", "-h"));
        assertFalse(ServerOptions.wantsHelp("--port", "1"));
        assertTrue(ServerOptions.HELP.startsWith(ServerOptions.USAGE));
    }

    @Test
    void loopbackFactory() {
        assertEquals(new ServerOptions("127.0.0.1", 0, dir, null), ServerOptions.loopback(0, dir, null));
    }

    @Test
    void allowHostIsRepeatableAndLowerCased() {
        ServerOptions options = ServerOptions.parse("--allow-host", "Models.Example.org", "--port", "0",
                "--allow-host", "cdn.example.net");
        assertEquals(List.of("models.example.org", "cdn.example.net"), options.allowHosts());
        assertEquals(List.of(), ServerOptions.parse().allowHosts());
    }

    // Each would change the meaning of the Content-Security-Policy it is written into.
    @ParameterizedTest
    @ValueSource(strings = {"https://example.org", "example.org:443", "example.org/path", "*.example.org",
            "example.org;script-src", "'self'", "example", "exa mple.org", "-bad.example.org", "example..org", "*"})
    void allowHostRejectsAnythingButAHostName(String host) {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--allow-host", host));
        assertEquals("--allow-host needs a host name such as models.example.org (no scheme, port, path or wildcard), not '"
                + host.toLowerCase(java.util.Locale.ROOT) + "'", e.getMessage());
    }
}
