package dev.locara.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.cache.DirectBufferCache;
import io.undertow.server.handlers.resource.CachingResourceManager;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.server.handlers.resource.ResourceSupplier;
import io.undertow.util.DateUtils;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.MimeMappings;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Serving the files of one root correctly: regular files only (no listings, no links out of the root),
 * the MIME types browsers insist on for modules and streaming WebAssembly, strong ETags, and the
 * conditional and Range requests a resumed download relies on, where Undertow alone gets them wrong.
 */
final class FileHandler {
    private FileHandler() {
    }

    // Explicit, without Undertow's defaults: those lack wasm, mjs, wgsl, gguf and webmanifest,
    // and browsers refuse module scripts and streaming WebAssembly compilation with the wrong type.
    static final MimeMappings MIME_TYPES = MimeMappings.builder(false)
            .addMapping("html", "text/html; charset=utf-8")
            .addMapping("js", "text/javascript; charset=utf-8")
            .addMapping("mjs", "text/javascript; charset=utf-8")
            .addMapping("wasm", "application/wasm")
            .addMapping("json", "application/json")
            .addMapping("webmanifest", "application/manifest+json")
            .addMapping("gguf", "application/octet-stream")
            .addMapping("wgsl", "text/wgsl; charset=utf-8")
            .addMapping("css", "text/css; charset=utf-8")
            .addMapping("svg", "image/svg+xml")
            .addMapping("png", "image/png")
            .addMapping("ico", "image/x-icon")
            .addMapping("txt", "text/plain; charset=utf-8")
            .build(); // anything else: ResourceHandler falls back to application/octet-stream

    /**
     * Serves regular files of one root. Directories are never listed: "dir/" maps to its
     * index.html when indexPages is set, anything else that is not a plain file goes to notFound.
     */
    static HttpHandler files(ResourceSupplier root, boolean indexPages, HttpHandler notFound) {
        HttpHandler resources = new ResourceHandler(root, notFound)
                .setMimeMappings(MIME_TYPES)
                .setWelcomeFiles() // index pages are mapped here, so ResourceHandler never meets a directory
                .setDirectoryListingEnabled(false);
        return exchange -> {
            String path = exchange.getRelativePath();
            if (indexPages && path.endsWith("/")) {
                path += "index.html";
                exchange.setRelativePath(path);
            }
            Resource file = regularFile(root, exchange, path);
            if (file == null) {
                notFound.handleRequest(exchange);
                return;
            }
            // ResourceHandler adds the ETag only to full responses, but a 304 must carry it too (RFC 9110).
            if (file.getETag() != null) {
                exchange.getResponseHeaders().put(Headers.ETAG, file.getETag().toString());
            }
            // Undertow compares If-Range's quoted ETag with the unquoted tag, so it never matches and a resumed
            // download starts again at byte 0. Decide here: a current validator keeps the Range, others drop it.
            String ifRange = exchange.getRequestHeaders().getFirst(Headers.IF_RANGE);
            if (ifRange != null) {
                exchange.getRequestHeaders().remove(Headers.IF_RANGE);
                if (!isCurrent(file, ifRange)) {
                    exchange.getRequestHeaders().remove(Headers.RANGE);
                }
            }
            HeaderValues ranges = exchange.getRequestHeaders().get(Headers.RANGE);
            Long length = file.getContentLength();
            // Preconditions come first (RFC 9110 13.2.2): a 304 or 412 is Undertow's to send, Range or not.
            if (ranges != null && length != null && !answeredByPreconditions(exchange, file)) {
                RangeRequest range = RangeRequest.judge(String.join(",", ranges), length);
                if (range.refused()) {
                    exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes */" + length);
                    sendText(exchange, StatusCodes.REQUEST_RANGE_NOT_SATISFIABLE, range.refusal());
                    return;
                } else if (range.canonical() == null) {
                    exchange.getRequestHeaders().remove(Headers.RANGE);
                } else {
                    exchange.getRequestHeaders().put(Headers.RANGE, range.canonical());
                }
            }
            resources.handleRequest(exchange);
        };
    }

    /** Whether If-Match, If-Unmodified-Since, If-None-Match or If-Modified-Since decide the answer (412 or 304). */
    private static boolean answeredByPreconditions(HttpServerExchange exchange, Resource file) {
        return !ETagUtils.handleIfMatch(exchange, file.getETag(), false)
                || !DateUtils.handleIfUnmodifiedSince(exchange, file.getLastModified())
                || !ETagUtils.handleIfNoneMatch(exchange, file.getETag(), true)
                || !DateUtils.handleIfModifiedSince(exchange, file.getLastModified());
    }

    /** If-Range needs an exact match: the strong ETag, or the Last-Modified date as it was sent. */
    private static boolean isCurrent(Resource file, String validator) {
        ETag etag = file.getETag();
        if (validator.startsWith("\"")) {
            return etag != null && !etag.isWeak() && validator.equals(etag.toString());
        }
        return file.getLastModified() != null && validator.equals(file.getLastModifiedString());
    }

    private static Resource regularFile(ResourceSupplier root, HttpServerExchange exchange, String path)
            throws IOException {
        if (path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        Resource resource = root.getResource(exchange, path);
        if (resource == null || resource.isDirectory()) {
            return null;
        }
        // In a jar, "dir" without the slash resolves to the directory entry, which does not say it is one.
        Resource asDirectory = root.getResource(exchange, path + "/");
        return asDirectory != null && asDirectory.isDirectory() ? null : resource;
    }

    static void notFound(HttpServerExchange exchange) {
        sendText(exchange, StatusCodes.NOT_FOUND, "Not found");
    }

    static void sendText(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(message + "\n");
    }

    /**
     * The app built into the jar, kept in memory once read: a jar cannot change while it runs, and reading
     * each request's file out of it again (lookup, entry, inflate) served the page about five times slower
     * than from a folder (BENCHMARKS.md, "The server under load"). The whole app is a few MB.
     */
    static ResourceManager packagedApp(ClassLoader classLoader) {
        int maxFileBytes = 16 * 1024 * 1024;
        DirectBufferCache memory = new DirectBufferCache(64 * 1024, 16, 64 * 1024 * 1024);
        return new CachingResourceManager(1024, maxFileBytes, memory,
                new ClassPathResourceManager(classLoader, StaticServer.WEBAPP_RESOURCES), -1);
    }

    /** A folder root that does not follow symlinks and gives files a strong ETag from size and mtime. */
    static ResourceManager directory(Path dir) {
        try {
            return PathResourceManager.builder()
                    .setBase(dir.toRealPath()) // the root itself may be a link; links below it are refused
                    .setFollowLinks(false)
                    .setETagFunction(FileHandler::etag)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ETag etag(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new ETag(false, Long.toHexString(attributes.size()) + "-"
                    + Long.toHexString(attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return null;
        }
    }
}
