package dev.locara.app;

import dev.locara.api.JsMessages;
import dev.locara.js.Async;
import dev.locara.protocol.Request;
import dev.locara.protocol.RequestInbox;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.function.JSConsumer;

/**
 * The worker's incoming messages ({@link RequestInbox} decides what each one is), and the wait for
 * the next: the engine's single fiber suspends until work arrives.
 */
final class Inbox {
    private final RequestInbox requests = new RequestInbox(Outbox::post);
    private JSConsumer<JSUndefined> wake;

    @JSFunctor
    interface Handler extends JSObject {
        void handle(JSObject message);
    }

    Inbox() {
        listen(this::receive);
    }

    private void receive(JSObject message) {
        if (requests.receive(JsMessages.fields(message)) && wake != null) {
            JSConsumer<JSUndefined> w = wake;
            wake = null;
            w.accept(null);
        }
    }

    /** The next request to serve, waiting (suspending the fiber) until one arrives. */
    Request next() {
        while (requests.isEmpty()) {
            Async.await(new JSPromise<JSUndefined>((resolve, reject) -> wake = resolve));
        }
        return requests.poll();
    }

    boolean isStopped(int id) {
        return requests.isStopped(id);
    }

    void forget(int id) {
        requests.forget(id);
    }

    @JSBody(params = "handler", script = "self.onmessage = function (e) { handler(e.data); };")
    private static native void listen(Handler handler);
}
