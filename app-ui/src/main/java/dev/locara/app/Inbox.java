package dev.locara.app;

import dev.locara.api.EngineMessage;
import dev.locara.js.Async;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.function.JSConsumer;

/**
 * The worker's incoming messages. Work requests queue for the engine's single fiber, which takes
 * them one at a time; "stop" is not queued but marks its request at once, so a generation in
 * progress sees it at its next token.
 */
final class Inbox {
    private final ArrayDeque<EngineMessage> queue = new ArrayDeque<>();
    private final Set<Integer> stopped = new HashSet<>();
    private JSConsumer<JSUndefined> wake;

    @JSFunctor
    interface Handler extends JSObject {
        void handle(EngineMessage message);
    }

    Inbox() {
        listen(this::receive);
    }

    private void receive(EngineMessage m) {
        if ("stop".equals(m.getType())) {
            stopped.add(m.getId());
            return;
        }
        queue.add(m);
        if (wake != null) {
            JSConsumer<JSUndefined> w = wake;
            wake = null;
            w.accept(null);
        }
    }

    /** The next work message, waiting (suspending the fiber) until one arrives. */
    EngineMessage next() {
        while (queue.isEmpty()) {
            Async.await(new JSPromise<JSUndefined>((resolve, reject) -> wake = resolve));
        }
        return queue.poll();
    }

    boolean isStopped(int id) {
        return stopped.contains(id);
    }

    void forget(int id) {
        stopped.remove(id);
    }

    @JSBody(params = "handler", script = "self.onmessage = function (e) { handler(e.data); };")
    private static native void listen(Handler handler);
}
