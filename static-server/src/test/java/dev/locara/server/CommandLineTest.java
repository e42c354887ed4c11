package dev.locara.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** main() in a child JVM, for what only a real process shows: exit codes and exactly what gets printed. */
class CommandLineTest {

    @TempDir
    Path dir;

    static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StaticServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static String run(int expectedExit, String... args) throws Exception {
        Process process = java(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(expectedExit, process.exitValue(), output);
        return output;
    }

    @Test
    void badArgumentPrintsErrorAndUsageAndExits2() throws Exception {
        assertEquals("Error: unknown argument '--bogus'\n" + ServerOptions.USAGE + "\n", run(2, "--bogus"));
        assertEquals("Error: --port must be a number from 0 to 65535, not 'http'\n" + ServerOptions.USAGE + "\n",
                run(2, "--port", "http"));
    }

    @Test
    void helpPrintsUsageAndExits0() throws Exception {
        assertEquals(ServerOptions.HELP + "\n", run(0, "--help"));
    }

    @Test
    void startPrintsTheUrlLineAndTheModelsLine() throws Exception {
        Files.writeString(dir.resolve("index.html"), "hi");
        Path models = dir.resolve("no-models-yet");
        Process process = java("--port", "0", "--app", dir.toString(), "--models", models.toString())
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String url = out.readLine();
            assertTrue(url.matches("Locara is running at http://127\\.0\\.0\\.1:\\d+/ "
                    + "\\(open it in Chrome or Edge 113\\+, or Safari 26\\+\\)"), url);
            assertEquals("Models folder " + models.toAbsolutePath()
                    + " does not exist yet: create it and put .gguf files into it (no restart needed).", out.readLine());
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
