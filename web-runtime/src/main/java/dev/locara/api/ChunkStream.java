package dev.locara.api;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.function.JSConsumer;

/**
 * The async iterator behind {@code stream: true}: chunks queue until the caller pulls them; a
 * caller that breaks out of {@code for await} stops the request.
 */
final class ChunkStream {
    private final IntConsumer stop;
    private final ArrayDeque<JSObject> ready = new ArrayDeque<>();
    private JSConsumer<JSObject> waitingResolve;
    private JSConsumer<Object> waitingReject;
    private JSObject failure;
    private boolean finished;
    /** The engine request that fills this stream, once sent. */
    int requestId = -1;

    /** @param stop asks the engine to stop a request, by id */
    ChunkStream(IntConsumer stop) {
        this.stop = stop;
    }

    /** The iterator to hand the caller. */
    JSObject iterator() {
        return Js.asyncIterator(this::next, this::close);
    }

    boolean finished() {
        return finished;
    }

    private JSObject next() {
        return new JSPromise<JSObject>((resolve, reject) -> {
            if (!ready.isEmpty()) {
                resolve.accept(Js.iteration(ready.poll(), false));
            } else if (failure != null) {
                reject.accept(failure);
            } else if (finished) {
                resolve.accept(Js.iteration(null, true));
            } else {
                waitingResolve = resolve;
                waitingReject = reject;
            }
        });
    }

    /** Called by {@code for await} when the caller breaks out early: stop generating. */
    private JSObject close() {
        if (!finished) {
            stop.accept(requestId);
            finished = true;
            ready.clear();
        }
        return JSPromise.resolve(Js.iteration(null, true));
    }

    void push(JSObject chunk) {
        if (finished) {
            return;
        }
        if (waitingResolve != null) {
            JSConsumer<JSObject> r = waitingResolve;
            waitingResolve = null;
            waitingReject = null;
            r.accept(Js.iteration(chunk, false));
        } else {
            ready.add(chunk);
        }
    }

    /** Queues the last chunk and ends the iteration after it. */
    void end(JSObject last) {
        if (finished) {
            return;
        }
        push(last);
        finished = true;
        if (waitingResolve != null) {
            JSConsumer<JSObject> r = waitingResolve;
            waitingResolve = null;
            r.accept(Js.iteration(null, true));
        }
    }

    void fail(JSObject error) {
        failure = error;
        finished = true;
        if (waitingReject != null) {
            JSConsumer<Object> r = waitingReject;
            waitingResolve = null;
            waitingReject = null;
            r.accept(error);
        }
    }
}
