package dev.locara.app;

import dev.locara.api.JsMessages;
import dev.locara.protocol.Reply;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** The worker's replies to the page, posted as the plain objects {@link JsMessages} makes. */
final class Outbox {
    private Outbox() {
    }

    static void post(Reply reply) {
        postMessage(JsMessages.encode(reply));
    }

    @JSBody(params = "message", script = "self.postMessage(message);")
    private static native void postMessage(JSObject message);
}
