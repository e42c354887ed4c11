package dev.locara.app;

import dev.locara.cache.ModelStore;
import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values window.locara.models.download / import / add / stored / delete / load resolve to, as JSON (snake_case, like the rest of the API). */
final class StorageReplies {
    private StorageReplies() {
    }

    static String downloaded(String id, long bytes, String sha256) {
        Map<String, Object> m = model(id);
        m.put("stored", true);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        return JsonWriter.COMPACT.write(m);
    }

    /** models.load: the model on the GPU now, its context, and how long the load took (0 when it already was). */
    static String loaded(String id, int contextLength, double ms) {
        Map<String, Object> m = model(id);
        m.put("loaded", true);
        m.put("context_length", contextLength);
        m.put("load_ms", Math.round(ms));
        return JsonWriter.COMPACT.write(m);
    }

    static String forgotten(String id) {
        Map<String, Object> m = model(id);
        m.put("forgotten", true);
        return JsonWriter.COMPACT.write(m);
    }

    static String deleted(String id) {
        Map<String, Object> m = model(id);
        m.put("deleted", true);
        return JsonWriter.COMPACT.write(m);
    }

    /** pinned: its bytes match a manifest entry (verified); unpinned: a user model, its hash computed when stored. */
    static String imported(ModelStore.Imported s) {
        Map<String, Object> m = model(s.id());
        m.put("stored", true);
        m.put("file", s.file());
        m.put("bytes", s.bytes());
        m.put("sha256", s.sha256());
        m.put("pinned", s.pinned());
        m.put("verified", s.pinned());
        return JsonWriter.COMPACT.write(m);
    }

    static String storedList(List<ModelStore.Stored> stored) {
        List<Object> data = new ArrayList<>();
        long total = 0;
        for (ModelStore.Stored s : stored) {
            Map<String, Object> m = model(s.id());
            m.put("file", s.file());
            m.put("bytes", s.bytes());
            m.put("last_used", s.lastUsed());
            m.put("pinned", s.pinned());
            m.put("sha256", s.sha256());
            data.add(m);
            total += s.bytes();
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        list.put("total_bytes", total);
        return JsonWriter.COMPACT.write(list);
    }

    /** models.verify(): each stored model's state (ok, damaged, lost, partial) and why. */
    static String checks(List<ModelStore.Check> checks) {
        List<Object> data = new ArrayList<>();
        for (ModelStore.Check c : checks) {
            Map<String, Object> m = model(c.id());
            m.put("file", c.file());
            m.put("pinned", c.pinned());
            m.put("state", c.state().name().toLowerCase());
            m.put("bytes", c.bytes());
            m.put("expected_bytes", c.expectedBytes());
            m.put("hash_ms", c.hashMs());
            m.put("message", c.message());
            data.add(m);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        return JsonWriter.COMPACT.write(list);
    }

    private static Map<String, Object> model(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "model");
        return m;
    }
}
