package dev.locara.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the server listens on and which folders it hands out.
 *
 * @param host      address to bind; loopback by default so the workbench is not reachable from the network
 * @param port      TCP port; 0 picks a free one
 * @param appDir    folder with the built web app, or null for the copy packaged on the classpath
 * @param modelsDir folder whose files are served under /models/, or null for none (it may not exist yet)
 * @param allowHosts hosts the page may download from besides this server and the built-in manifest's hosts
 *                   (for a model added by URL); each becomes an https:// entry of the CSP's connect-src
 */
public record ServerOptions(String host, int port, Path appDir, Path modelsDir, List<String> allowHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String USAGE =
            "Usage: java -jar locara-server.jar [--host H] [--port P] [--models DIR] [--app DIR] [--allow-host HOST]...";
    public static final String HELP = String.join("\n", USAGE,
            "  --host H      address to listen on (default 127.0.0.1: this machine only)",
            "  --port P      port to listen on (default 8080; 0 picks a free port)",
            "  --models DIR  folder with .gguf model files, served under /models/",
            "  --app DIR     serve the web app from DIR instead of the copy built into this jar",
            "  --allow-host HOST  let the page download models from https://HOST too (repeatable); by default it",
            "                may connect only to this server and the built-in models' hosts (huggingface.co)",
            "  --help        print this help");

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        allowHosts = List.copyOf(Objects.requireNonNull(allowHosts, "allowHosts"));
        allowHosts.forEach(ServerOptions::checkHostName);
    }

    /** No extra download hosts. */
    public ServerOptions(String host, int port, Path appDir, Path modelsDir) {
        this(host, port, appDir, modelsDir, List.of());
    }

    /**
     * A DNS name only: it is written into the Content-Security-Policy header, so a scheme, path, wildcard,
     * space or ';' would change the policy's meaning instead of naming a host.
     */
    static void checkHostName(String name) {
        boolean labels = name.length() <= 253 && Stream.of(name.split("\\.", -1)).allMatch(label ->
                label.length() >= 1 && label.length() <= 63 && label.chars().allMatch(c ->
                        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
                        && !label.startsWith("-") && !label.endsWith("-"));
        if (!labels || !name.contains(".")) {
            throw new IllegalArgumentException("--allow-host needs a host name such as models.example.org"
                    + " (no scheme, port, path or wildcard), not '" + name + "'");
        }
    }

    /** Loopback on the default port, serving the given folders: the usual setup for tests. */
    public static ServerOptions loopback(int port, Path appDir, Path modelsDir) {
        return new ServerOptions(DEFAULT_HOST, port, appDir, modelsDir);
    }

    static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    /**
     * Parses the command line; throws IllegalArgumentException with a one-line message for
     * anything it does not understand, so main can print it with the usage line and exit with 2.
     */
    public static ServerOptions parse(String... args) {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Path app = null;
        Path models = null;
        List<String> allowHosts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!List.of("--host", "--port", "--models", "--app", "--allow-host").contains(flag)) {
                throw new IllegalArgumentException("unknown argument '" + flag + "'");
            }
            // A following flag is not a value: "--port --app x" means the port was forgotten.
            if (i + 1 == args.length || args[i + 1].isBlank() || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> host = value;
                case "--port" -> port = parsePort(value);
                case "--models" -> models = path(flag, value);
                case "--allow-host" -> allowHosts.add(value.toLowerCase(Locale.ROOT));
                default -> app = existingDirectory(flag, value);
            }
        }
        return new ServerOptions(host, port, app, models, allowHosts);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static Path path(String flag, String value) {
        try {
            return Path.of(value);
        } catch (IllegalArgumentException e) { // InvalidPathException, e.g. a NUL in the name
            throw new IllegalArgumentException(flag + " is not a valid path: '" + value + "'");
        }
    }

    private static Path existingDirectory(String flag, String value) {
        Path dir = path(flag, value);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(flag + " folder does not exist: " + dir.toAbsolutePath());
        }
        return dir;
    }
}
