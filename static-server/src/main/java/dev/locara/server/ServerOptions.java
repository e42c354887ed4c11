package dev.locara.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the server listens on and which folders it hands out.
 *
 * @param host      address to bind; loopback by default so the workbench is not reachable from the network
 * @param port      TCP port; 0 picks a free one
 * @param appDir    folder with the built web app, or null for the copy packaged on the classpath
 * @param modelsDir folder whose files are served under /models/, or null for none (it may not exist yet)
 */
public record ServerOptions(String host, int port, Path appDir, Path modelsDir) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String USAGE =
            "Usage: java -jar locara-server.jar [--host H] [--port P] [--models DIR] [--app DIR]";
    public static final String HELP = String.join("\n", USAGE,
            "  --host H      address to listen on (default 127.0.0.1: this machine only)",
            "  --port P      port to listen on (default 8080; 0 picks a free port)",
            "  --models DIR  folder with .gguf model files, served under /models/",
            "  --app DIR     serve the web app from DIR instead of the copy built into this jar",
            "  --help        print this help");

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
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
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.equals("--host") && !flag.equals("--port") && !flag.equals("--models") && !flag.equals("--app")) {
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
                default -> app = existingDirectory(flag, value);
            }
        }
        return new ServerOptions(host, port, app, models);
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
