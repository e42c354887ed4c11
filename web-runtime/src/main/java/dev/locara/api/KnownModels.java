package dev.locara.api;

import java.util.List;
import org.teavm.jso.JSObject;

/** The models the page knows by name (the manifest's), and where the server has each one's file. */
final class KnownModels {
    private final List<LocaraApi.Model> models;

    KnownModels(List<LocaraApi.Model> models) {
        this.models = List.copyOf(models);
    }

    List<LocaraApi.Model> all() {
        return models;
    }

    /**
     * The manifest's model {@code id}, or else a user model (imported or added by URL) without a URL:
     * only the worker knows what is stored, and it answers model_not_found, listing manifest and
     * stored models, when it is not.
     */
    LocaraApi.Model find(String id) {
        for (LocaraApi.Model m : models) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return new LocaraApi.Model(id, id, null);
    }

    /** "a, b": for messages that list what there is. */
    String names() {
        StringBuilder sb = new StringBuilder();
        for (LocaraApi.Model m : models) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        }
        return sb.toString();
    }

    /** models.list(): {@code loaded} is the model the engine holds, or null. */
    JSObject list(String loaded) {
        String[] ids = new String[models.size()];
        String[] names = new String[models.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = models.get(i).id();
            names[i] = models.get(i).name();
        }
        return Js.modelList(ids, names, loaded);
    }
}
