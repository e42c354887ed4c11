package dev.locara.workbench;

import dev.locara.json.Json;
import dev.locara.json.JsonException;
import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models this browser stored, as the page last saw them (kept in localStorage, apart from the
 * models' own storage): when the browser evicts the models' storage, their markers go with it and
 * storage alone can no longer say that anything was there. The ledger can, so the manager shows
 * those models as lost and offers them again. Plain Java, tested on the JVM.
 */
final class StoredLedger {
    static final String KEY = "locara.models.ledger";

    /** id to whether it is a manifest (pinned) model; in the order stored. */
    private final Map<String, Boolean> models = new LinkedHashMap<>();

    /** The ledger in {@code json}; anything unreadable (another version, hand edits) reads as empty. */
    static StoredLedger parse(String json) {
        StoredLedger ledger = new StoredLedger();
        if (json == null) {
            return ledger;
        }
        try {
            Object root = Json.parse(json);
            if (root instanceof Map<?, ?> map && map.get("models") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("id") instanceof String id && m.get("pinned") instanceof Boolean p) {
                        ledger.models.put(id, p);
                    }
                }
            }
        } catch (JsonException e) {
            // unreadable: start afresh; what storage holds is listed again at the next check
        }
        return ledger;
    }

    String toJson() {
        List<Object> list = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : models.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.getKey());
            m.put("pinned", e.getValue());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("models", list);
        return JsonWriter.COMPACT.write(root);
    }

    void add(String id, boolean pinned) {
        models.put(id, pinned);
    }

    void remove(String id) {
        models.remove(id);
    }

    boolean pinned(String id) {
        return Boolean.TRUE.equals(models.get(id));
    }

    /** The models the ledger holds that storage, which now holds {@code stored}, no longer has. */
    List<String> lost(Collection<String> stored) {
        List<String> out = new ArrayList<>();
        for (String id : models.keySet()) {
            if (!stored.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
