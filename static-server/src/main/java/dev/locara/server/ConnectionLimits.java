package dev.locara.server;

/**
 * Threads and timeouts of the listener, chosen so that slow or stalled clients cannot starve the page.
 *
 * <p>Why these: a file is sent by the I/O threads with non-blocking writes (Undertow's async sender), so a
 * client that reads a model a byte at a time holds a socket and a little memory, never a thread; the worker
 * threads only look files up (stat, open) and return. A few of each are enough for one user's browser, and
 * a fixed count keeps the server from growing a thread per client. There is no cap on connections: a cap
 * is exactly what a client holding many slow connections would fill, shutting the page out. The timeouts
 * bound what each idle or half-sent connection costs instead.
 *
 * @param ioThreads             threads that accept connections and move bytes: one per core (at least two),
 *                              since each can keep a core busy copying and more cannot copy faster
 * @param workerThreads         threads that look files up
 * @param idleTimeoutMs         a connection that neither reads nor writes for this long, or whose response
 *                              cannot be written for this long (the write timeout), is closed: a client
 *                              that stops reading a download (a closed laptop, a stuck tab) gives its socket
 *                              back; long enough that a page pausing between chunks of a model never trips it
 * @param requestParseTimeoutMs a request whose headers have not all arrived this long after they began is
 *                              dropped (slowloris); a browser sends its headers in one packet
 * @param noRequestTimeoutMs    an open connection that sends no request for this long is closed; browsers
 *                              reopen kept-alive connections as they need them
 * @param maxHeaderBytes        request headers beyond this size are refused; loopback cookies are shared by
 *                              every port of localhost, so this leaves room for other local apps' cookies
 */
record ConnectionLimits(int ioThreads, int workerThreads, int idleTimeoutMs, int requestParseTimeoutMs,
                        int noRequestTimeoutMs, int maxHeaderBytes) {

    static final ConnectionLimits DEFAULT = new ConnectionLimits(
            Math.max(2, Runtime.getRuntime().availableProcessors()), 8, 120_000, 10_000, 60_000, 64 * 1024);

    ConnectionLimits {
        if (ioThreads < 1 || workerThreads < 1 || idleTimeoutMs < 1 || requestParseTimeoutMs < 1
                || noRequestTimeoutMs < 1 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("connection limits must be positive (headers at least 1 KiB)");
        }
    }

    /** The same limits with other timeouts, for tests that wait for one to trip. */
    ConnectionLimits withTimeouts(int idleMs, int requestParseMs, int noRequestMs) {
        return new ConnectionLimits(ioThreads, workerThreads, idleMs, requestParseMs, noRequestMs, maxHeaderBytes);
    }
}
