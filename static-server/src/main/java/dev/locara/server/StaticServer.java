package dev.locara.server;

import dev.locara.cache.DownloadHosts;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import io.undertow.util.StatusCodes;

import org.xnio.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The Locara server: hands out the built web app and the local model files, nothing else.
 * Everything the workbench does happens in the browser; this only has to be safe and correct
 * about files, MIME types, caching and byte ranges.
 */
public final class StaticServer implements AutoCloseable {

    /** Classpath folder where the app-ui module packages the built web app. */
    static final String WEBAPP_RESOURCES = "locara-webapp/";
    static final String WEBAPP_MISSING = "The web app is not in this jar: build with mvn package or pass --app DIR";

    /** One place to extend when the app needs a new origin or capability. */
    // Scripts: this origin only. Connections: this origin plus the hosts models download from (the built-in
    // manifest's and those given with --allow-host), so nothing a page loads can send data anywhere else.
    // 'unsafe-eval' is there because TeaVM's wasm-gc runtime builds its JS glue (JSBody code, the
    // JS-to-Java call wrappers) with new Function(); no inline script is allowed all the same.
    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

    /** The policy with connect-src 'self', the manifest's download hosts and these extra hosts (https only). */
    static String contentSecurityPolicy(List<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>(DownloadHosts.builtIn());
        hosts.addAll(extraHosts);
        StringBuilder connect = new StringBuilder("'self'");
        hosts.forEach(host -> connect.append(" https://").append(host));
        return "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src " + connect
                + "; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    // COOP + COEP make the page cross-origin isolated, which SharedArrayBuffer and precise timers need.
    static Map<String, String> securityHeaders(String contentSecurityPolicy) {
        return Map.of(
                "Content-Security-Policy", contentSecurityPolicy,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Cross-Origin-Embedder-Policy", "require-corp",
                "Cross-Origin-Resource-Policy", "same-origin");
    }

    static final Map<String, String> SECURITY_HEADERS = securityHeaders(CONTENT_SECURITY_POLICY);

    // Held strongly: java.util.logging forgets the level of loggers nobody references.
    private static final List<Logger> UNDERTOW_LOGGERS =
            Stream.of("io.undertow", "org.xnio", "org.jboss").map(Logger::getLogger).toList();

    private final ServerOptions options;
    private final ResourceManager appFiles;
    private ResourceManager modelFiles; // made once the models folder exists, see modelFiles()
    private final Undertow undertow;
    private final int port;
    // Known once the listener has its port (options may say 0); until then every request is refused.
    private volatile HostCheck hostCheck;
    private volatile String refusal; // the 403 body for a foreign Host, naming this server's URL
    private boolean stopped;

    private StaticServer(ServerOptions options, ResourceManager appFiles, ConnectionLimits limits) {
        this.options = options;
        this.appFiles = appFiles;
        HttpHandler app = FileHandler.files((exchange, path) -> appFiles.getResource(path), true, FileHandler::notFound);
        HttpHandler models = FileHandler.files((exchange, path) -> modelFiles().getResource(path), false, this::modelNotFound);
        HttpHandler routes = Handlers.path(app).addPrefixPath("/models", models);
        Map<String, String> headers = securityHeaders(contentSecurityPolicy(options.allowHosts()));
        this.undertow = Undertow.builder()
                .addHttpListener(options.port(), options.host())
                .setIoThreads(limits.ioThreads())
                .setWorkerThreads(limits.workerThreads())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, limits.idleTimeoutMs())
                // Undertow's idle timeout does not see a response stuck behind a client that stopped reading
                // (a 1 GiB file stalled 3 s under a 200 ms idle timeout was still sent whole); XNIO's does.
                .setSocketOption(Options.WRITE_TIMEOUT, limits.idleTimeoutMs())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, limits.requestParseTimeoutMs())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, limits.noRequestTimeoutMs())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                // Keep %2F as data, never as a path separator (the default, stated so it stays that way).
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, false)
                // Do not let an open model download hold up Ctrl+C forever.
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, 1000)
                .setHandler(exchange -> guard(exchange, headers, routes))
                .build();
        undertow.start();
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        this.hostCheck = new HostCheck(options.host(), port);
        this.refusal = hostCheck.refusal(url());
    }

    /** Starts a server; throws IllegalStateException when there is no web app to serve. */
    public static StaticServer start(ServerOptions options) {
        return start(options, StaticServer.class.getClassLoader());
    }

    static StaticServer start(ServerOptions options, ClassLoader classLoader) {
        return start(options, classLoader, ConnectionLimits.DEFAULT);
    }

    static StaticServer start(ServerOptions options, ClassLoader classLoader, ConnectionLimits limits) {
        quietLogging();
        ResourceManager app;
        if (options.appDir() != null) {
            if (!Files.isDirectory(options.appDir())) {
                throw new IllegalStateException("The app folder does not exist: " + options.appDir().toAbsolutePath());
            }
            app = FileHandler.directory(options.appDir());
        } else if (classLoader.getResource(WEBAPP_RESOURCES + "index.html") != null) {
            app = FileHandler.packagedApp(classLoader);
        } else {
            throw new IllegalStateException(WEBAPP_MISSING);
        }
        return new StaticServer(options, app, limits);
    }

    public static void main(String[] args) {
        if (ServerOptions.wantsHelp(args)) {
            System.out.println(ServerOptions.HELP);
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!isLoopback(options.host())) {
            System.err.println("Warning: listening on " + options.host() + " makes the workbench and its models "
                    + "reachable from the network; use the default 127.0.0.1 to keep it on this machine.");
        }
        StaticServer server;
        try {
            server = start(options);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) { // port in use, unknown host: say which, without a stack trace
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("Cannot listen on " + options.host() + ":" + options.port() + ": " + cause);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("Locara is running at " + server.url() + " (open it in Chrome or Edge 113+, or Safari 26+)");
        if (options.modelsDir() != null) {
            System.out.println(describeModels(options.modelsDir()));
        }
    }

    public int port() {
        return port;
    }

    /** The address to open in a browser, e.g. http://127.0.0.1:8080/. */
    public String url() {
        String host = options.host();
        if (isWildcard(host)) {
            host = host.contains(":") ? "::1" : "127.0.0.1"; // "all interfaces" cannot be opened; this machine can
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port + "/";
    }

    /** Address the listener is bound to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    public synchronized void stop() {
        if (!stopped) {
            stopped = true;
            undertow.stop();
            try {
                appFiles.close();
                if (modelFiles != null) {
                    modelFiles.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Outermost handler: headers every response gets, and the requests no file handler should ever see. */
    private void guard(HttpServerExchange exchange, Map<String, String> headers, HttpHandler routes)
            throws Exception {
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        // Revalidate every time (ETag / Last-Modified make that cheap), so a rebuilt app shows up on reload.
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        HeaderValues host = exchange.getRequestHeaders().get(Headers.HOST);
        if (host == null && exchange.getProtocol().equals(Protocols.HTTP_1_1) || host != null && host.size() > 1) {
            FileHandler.sendText(exchange, StatusCodes.BAD_REQUEST, "Bad request: HTTP/1.1 needs exactly one Host header");
        } else if (hostCheck == null || !hostCheck.allows(host == null ? null : host.getFirst())
                || exchange.isHostIncludedInRequestURI() && !hostCheck.allows(authority(exchange.getRequestURI()))) {
            // Also when HTTP/1.0 sends no Host: then there is nothing to check, and browsers always send one.
            FileHandler.sendText(exchange, StatusCodes.FORBIDDEN, refusal);
        } else if (!isSafePath(exchange.getRequestURI()) || !isSafePath(exchange.getRequestPath())) {
            FileHandler.sendText(exchange, StatusCodes.BAD_REQUEST, "Bad request path");
        } else if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            // ResourceHandler would also serve POST; this server only reads.
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            FileHandler.sendText(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are supported");
        } else {
            exchange.dispatch(routes); // file lookups touch the disk: off the I/O thread
        }
    }

    /**
     * The host[:port] of an absolute request target such as http://127.0.0.1:8080/x (RFC 9112 3.2.2), or the
     * target itself in CONNECT's authority form.
     */
    private static String authority(String absoluteUri) {
        if (!absoluteUri.contains("://")) {
            return absoluteUri;
        }
        int start = absoluteUri.indexOf("://") + 3;
        int end = absoluteUri.indexOf('/', start);
        return absoluteUri.substring(start, end < 0 ? absoluteUri.length() : end);
    }

    /**
     * Refuses anything that could climb out of a root, checked on both the raw and the decoded path:
     * ".." segments, encoded dots, slashes and backslashes, backslashes and NULs. Browsers never send
     * these for real files, so refusing them outright is simpler than reasoning about each decoder.
     */
    static boolean isSafePath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return Stream.of("%2e", "%2f", "%5c", "%00", "\\", "\0").noneMatch(lower::contains)
                && Stream.of(lower.split("/")).noneMatch(".."::equals);
    }

    /** The models folder may be created after the server started; Undertow needs it to exist. */
    private synchronized ResourceManager modelFiles() {
        if (modelFiles == null && options.modelsDir() != null && Files.isDirectory(options.modelsDir())) {
            modelFiles = FileHandler.directory(options.modelsDir());
        }
        return modelFiles != null ? modelFiles : ResourceManager.EMPTY_RESOURCE_MANAGER;
    }

    private void modelNotFound(HttpServerExchange exchange) {
        String name = exchange.getRelativePath().replaceFirst("^/", "");
        if (name.isEmpty() || name.endsWith("/")) {
            FileHandler.notFound(exchange);
        } else if (options.modelsDir() == null) {
            FileHandler.sendText(exchange, StatusCodes.NOT_FOUND, "Model file '" + name + "' not found: this server has no "
                    + "models folder. Start it with --models DIR, where DIR is the folder that holds the GGUF file.");
        } else {
            FileHandler.sendText(exchange, StatusCodes.NOT_FOUND, "Model file '" + name + "' not found in the models folder "
                    + options.modelsDir() + " (given with --models). Put the GGUF file there and try again; "
                    + "no restart is needed.");
        }
    }

    /** One line for the console: which model files are served, or what to do to serve some. */
    static String describeModels(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "Models folder " + dir.toAbsolutePath() + " does not exist yet: create it and put .gguf files "
                    + "into it (no restart needed).";
        }
        List<String> served = new ArrayList<>();
        List<String> links = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")).sorted()
                    .forEach(p -> (Files.isSymbolicLink(p) ? links : served).add(p.getFileName().toString()));
        } catch (IOException e) {
            return "Cannot read models folder " + dir.toAbsolutePath() + ": " + e.getMessage();
        }
        String line = served.isEmpty()
                ? "Models folder " + dir.toAbsolutePath() + " has no .gguf files: put model files into it (no restart needed)."
                : "Serving models from " + dir.toAbsolutePath() + " at /models/: " + String.join(", ", served);
        return links.isEmpty() ? line
                : line + " (not serving symbolic links, copy the files instead: " + String.join(", ", links) + ")";
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isWildcard(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Undertow and XNIO log version banners and every start and stop at INFO; the console should show
     * Locara's own lines. Only loggers nobody configured are touched, so a logging config still wins.
     */
    private static void quietLogging() {
        UNDERTOW_LOGGERS.stream().filter(logger -> logger.getLevel() == null)
                .forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
