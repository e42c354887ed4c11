package dev.locara.api;

import dev.locara.json.Json;
import dev.locara.json.JsonException;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.workers.Worker;

/**
 * The page's side of the store check worker (the engine's script, started under another name):
 * models.verify runs there, so that hashing stored models never queues a chat behind it. Started at
 * the first verify. It also keeps what this page saw hashed whole: a model verified once is not
 * hashed again on the same page (only its presence and size are checked) until the page stores it anew.
 */
final class StoreCheckChannel {
    /** The name the worker looks for (dev.locara.app.StoreCheckWorker.NAME). */
    private static final String NAME = "locara-store-check";

    private final String workerUrl;
    private final Consumer<Reply> replies;
    private final Consumer<Failure> failed;
    /** Told of each model a check removed (lost or damaged), so that the engine stops serving it. */
    private final Consumer<String> removed;
    private Worker worker;
    private boolean listening;
    private Failure broken;
    private final List<JSObject> waiting = new ArrayList<>();
    private final Set<Integer> checks = new HashSet<>();
    /** Models hashed whole on this page and not stored anew since. */
    private final Set<String> hashed = new HashSet<>();
    /** Storage writes in flight: request id to the model it names (null when the answer names it). */
    private final Map<Integer, String> writes = new HashMap<>();

    /**
     * @param replies hears every reply of the check worker but its "ready"
     * @param failed  told when the worker cannot run: the verify requests still open fail with it
     * @param removed told of each model a check found lost or damaged (and removed)
     */
    StoreCheckChannel(String workerUrl, Consumer<Reply> replies, Consumer<Failure> failed, Consumer<String> removed) {
        this.workerUrl = workerUrl;
        this.replies = replies;
        this.failed = failed;
        this.removed = removed;
    }

    /** The models this page saw hashed whole, for the next verify request. */
    List<String> hashedBefore() {
        return new ArrayList<>(hashed);
    }

    /** Sends a verify request to the check worker (started now if it is not yet). */
    void post(Request.Verify r) {
        checks.add(r.id());
        if (broken != null) {
            failed.accept(broken);
            return;
        }
        if (worker == null) {
            worker = start(workerUrl, NAME);
            worker.onMessage(this::onMessage);
            worker.addEventListener("error", e -> fail(new Failure(ErrorCode.WORKER_FAILED,
                    "The store check worker could not start, so stored models cannot be checked. Reload the page.")));
        }
        JSObject message = JsMessages.encode(r);
        if (listening) {
            worker.postMessage(message);
        } else {
            waiting.add(message);
        }
    }

    /** Request {@code id} may store or delete model bytes ({@code model}, or null when its answer says which). */
    void writing(int id, String model) {
        writes.put(id, model);
    }

    /** Request {@code id} answered: a check's result teaches what is whole, a write's what must be hashed again. */
    void answered(int id, String value) {
        if (checks.remove(id)) {
            learn(value);
        } else if (writes.containsKey(id)) {
            String model = writes.remove(id);
            hashed.remove(model != null ? model : idIn(value));
        }
    }

    /** Request {@code id} failed: a write that failed may have changed bytes of a model it could not name. */
    void failedRequest(int id) {
        checks.remove(id);
        if (writes.containsKey(id)) {
            String model = writes.remove(id);
            if (model != null) {
                hashed.remove(model);
            } else {
                hashed.clear();
            }
        }
    }

    private void learn(String value) {
        try {
            if (Json.parse(value) instanceof Map<?, ?> root && root.get("data") instanceof List<?> data) {
                for (Object o : data) {
                    if (o instanceof Map<?, ?> c && c.get("id") instanceof String id) {
                        if ("ok".equals(c.get("state"))) {
                            hashed.add(id);
                        } else {
                            hashed.remove(id);
                            if (!"partial".equals(c.get("state"))) {
                                removed.accept(id);
                            }
                        }
                    }
                }
            }
        } catch (JsonException e) {
            hashed.clear(); // an answer that does not read vouches for nothing
        }
    }

    private static String idIn(String value) {
        try {
            return Json.parse(value) instanceof Map<?, ?> m && m.get("id") instanceof String id ? id : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private void onMessage(MessageEvent event) {
        Reply reply;
        try {
            reply = Reply.read(JsMessages.fields(event.getData()));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (reply instanceof Reply.Ready) {
            listening = true;
            for (JSObject m : waiting) {
                worker.postMessage(m);
            }
            waiting.clear();
        } else if (reply instanceof Reply.Fatal f) {
            fail(f.failure());
        } else {
            replies.accept(reply);
        }
    }

    private void fail(Failure f) {
        if (broken == null) {
            broken = f;
            waiting.clear();
            failed.accept(f);
        }
    }

    /** Checks still open; the client fails them when the worker breaks. */
    Set<Integer> open() {
        return new HashSet<>(checks);
    }

    @JSBody(params = {"url", "name"}, script = "return new Worker(url, {name: name});")
    private static native Worker start(String url, String name);
}
