package dev.locara.bench;

import dev.locara.json.Json;
import dev.locara.json.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One headless Chromium with one page, driven over the DevTools protocol with the JDK's own HTTP and
 * WebSocket client. The benchmark needs only to navigate, evaluate and read console errors, and this
 * keeps the driver to a JRE and a browser: what a GPU machine has to be lent (scripts/bench-gpu.sh
 * carries both), where Playwright would add its ~120 MB Node driver.
 */
final class HeadlessChromium implements AutoCloseable {
    /** How long Chromium may take to start and open its DevTools endpoint. */
    private static final long START_SECONDS = 60;

    private final Process process;
    private final Path profile;
    private final String version;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private volatile Consumer<String> console = line -> { };
    private volatile IOException closed;

    private HeadlessChromium(Process process, Path profile, String version, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.version = version;
        this.socket = socket;
    }

    /**
     * Starts {@code executable} headless with a fresh profile and {@code extraArgs}, and attaches to
     * its first page. Flags that keep a hidden page's timers and GPU work at full speed are always set.
     */
    static HeadlessChromium launch(Path executable, List<String> extraArgs) throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IOException("no Chromium at " + executable + ": install Debian's chromium, or pass --chromium PATH");
        }
        Path profile = Files.createTempDirectory("locara-bench-chromium");
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--headless", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--no-sandbox",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--disable-extensions"));
        command.addAll(extraArgs);
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String endpoint = devToolsEndpoint(process);
            URI browserUri = URI.create(endpoint);
            String http = "http://" + browserUri.getHost() + ":" + browserUri.getPort();
            HttpClient client = HttpClient.newHttpClient();
            Map<String, Object> versionInfo = object(Json.parse(get(client, http + "/json/version"), null));
            String pageSocket = null;
            for (Object target : (List<?>) Json.parse(get(client, http + "/json/list"), null)) {
                Map<String, Object> t = object(target);
                if ("page".equals(t.get("type"))) {
                    pageSocket = (String) t.get("webSocketDebuggerUrl");
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IOException("Chromium opened no page to attach to");
            }
            Listener listener = new Listener();
            WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(START_SECONDS, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile,
                    (String) versionInfo.get("Browser"), socket);
            listener.owner = chromium;
            chromium.send("Runtime.enable", Map.of());
            // The engine runs in workers: attach to them too, so that their console reaches us.
            chromium.send("Target.setAutoAttach", Map.of("autoAttach", true, "waitForDebuggerOnStart", false, "flatten", true));
            return chromium;
        } catch (IOException | RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            deleteTree(profile);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? io : new IOException("could not attach to Chromium: " + e, e);
        }
    }

    /** Reads Chromium's stderr until it names its DevTools WebSocket; echoes the rest on the JVM's stderr. */
    private static String devToolsEndpoint(Process process) throws IOException {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                StringBuilder early = new StringBuilder();
                for (String line; (line = in.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on ") && at >= 0) {
                        endpoint.complete(line.substring(at).trim());
                    } else if (!endpoint.isDone()) {
                        early.append(line).append('\n');
                    } else if ((line.contains("ERROR") || line.contains("FATAL")) && !line.contains("dbus/")) {
                        // Headless on a server has no D-Bus; everything else (the GPU process above
                        // all) is worth seeing.
                        System.err.println("  chromium: " + line);
                    }
                }
                endpoint.completeExceptionally(new IOException("Chromium exited before opening DevTools:\n" + early));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return endpoint.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium started", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Chromium opened no DevTools endpoint in " + START_SECONDS + " s");
        }
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    String version() {
        return version;
    }

    /** Where the page's console errors and warnings, and its uncaught exceptions, go. */
    void onConsole(Consumer<String> sink) {
        console = sink;
    }

    /** Lets the page run scripts its Content-Security-Policy would forbid (wllama's blob: workers). */
    void bypassCsp() throws IOException {
        send("Page.setBypassCSP", Map.of("enabled", true));
    }

    void navigate(String url) throws IOException {
        Map<String, Object> result = send("Page.navigate", Map.of("url", url));
        if (result.containsKey("errorText")) {
            throw new IOException("could not open " + url + ": " + result.get("errorText"));
        }
    }

    /** Polls {@code expression} until it is true; fails after {@code seconds}. */
    void waitFor(String expression, long seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Boolean.TRUE.equals(evaluate(expression))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the page never made true: " + expression);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Evaluates an expression in the page, awaiting a promise; returns its value as plain Java maps, lists, numbers. */
    Object evaluate(String expression) throws IOException {
        Map<String, Object> reply = send("Runtime.evaluate", Map.of("expression", expression,
                "awaitPromise", true, "returnByValue", true));
        if (reply.containsKey("exceptionDetails")) {
            Map<String, Object> details = object(reply.get("exceptionDetails"));
            Map<String, Object> exception = object(details.get("exception"));
            String text = exception.containsKey("description")
                    ? (String) exception.get("description") : JsonWriter.COMPACT.write(details);
            throw new IOException("the page threw: " + text);
        }
        return object(reply.get("result")).get("value");
    }

    /** Calls a page function {@code function} (source text) with {@code argument} as JSON. */
    Object call(String function, Object argument) throws IOException {
        return evaluate("(" + function + ")(" + JsonWriter.COMPACT.write(argument) + ")");
    }

    private Map<String, Object> send(String method, Map<String, Object> params) throws IOException {
        if (closed != null) {
            throw closed;
        }
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        sendRaw(JsonWriter.COMPACT.write(message));
        try {
            // No time limit: a benchmark step on a slow adapter can take minutes. A dead browser or a
            // closed socket fails every pending call instead (Listener).
            Map<String, Object> answer = reply.get();
            if (answer.containsKey("error")) {
                throw new IOException(method + " failed: " + JsonWriter.COMPACT.write(answer.get("error")));
            }
            return object(answer.get("result"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /** One message at a time: the JDK's WebSocket refuses a send while another is under way. */
    private synchronized void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    private void dispatch(Map<String, Object> message) {
        if (message.containsKey("id")) {
            CompletableFuture<Map<String, Object>> reply = pending.get(((Number) message.get("id")).intValue());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.containsKey("method") ? (String) message.get("method") : "";
        Map<String, Object> params = object(message.get("params"));
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                Object type = params.get("type");
                if (type.equals("error") || type.equals("warning")) {
                    console.accept(type + ": " + consoleText((List<?>) params.get("args")));
                }
            }
            case "Runtime.exceptionThrown" -> console.accept("uncaught: "
                    + JsonWriter.COMPACT.write(params.get("exceptionDetails")));
            case "Target.attachedToTarget" -> {
                // Not awaited: this runs on the socket's listener thread, which delivers the reply.
                Map<String, Object> enable = new LinkedHashMap<>();
                enable.put("id", ids.incrementAndGet());
                enable.put("sessionId", params.get("sessionId"));
                enable.put("method", "Runtime.enable");
                sendRaw(JsonWriter.COMPACT.write(enable));
            }
            case "Inspector.targetCrashed" -> {
                if (!message.containsKey("sessionId")) {
                    fail(new IOException("the page crashed (renderer or GPU process died)"));
                }
            }
            case "Inspector.detached" -> {
                if (!message.containsKey("sessionId")) {
                    fail(new IOException("DevTools detached: " + JsonWriter.COMPACT.write(params)));
                }
            }
            default -> { }
        }
    }

    private static String consoleText(List<?> args) {
        StringBuilder text = new StringBuilder();
        for (Object arg : args) {
            Map<String, Object> a = object(arg);
            if (text.length() > 0) {
                text.append(' ');
            }
            Object shown = a.containsKey("value") ? a.get("value") : a.containsKey("description") ? a.get("description") : a.get("type");
            text.append(shown instanceof String s ? s : JsonWriter.COMPACT.write(shown));
        }
        return text.toString();
    }

    /** A DevTools object member as a map; an absent one as an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    private void fail(IOException cause) {
        closed = cause;
        pending.values().forEach(f -> f.completeExceptionally(cause));
    }

    @Override
    public void close() {
        try {
            if (closed == null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The browser is ended below either way.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary profile left behind is harmless.
        }
    }

    /** Gathers a message's fragments and hands whole messages to the owner. */
    private static final class Listener implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    o.dispatch(object(Json.parse(text, null)));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            HeadlessChromium o = owner;
            if (o != null && o.closed == null) {
                o.fail(new IOException("Chromium closed DevTools (" + status + " " + reason + ")"));
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            HeadlessChromium o = owner;
            if (o != null) {
                o.fail(new IOException("DevTools connection failed: " + error, error));
            }
        }
    }
}
