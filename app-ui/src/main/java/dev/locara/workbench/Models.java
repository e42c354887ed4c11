package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import java.util.List;

/** The models the page can name, and how each is called on screen. */
final class Models {
    private final List<LocaraApi.Model> all;

    Models(List<LocaraApi.Model> all) {
        this.all = List.copyOf(all);
    }

    List<LocaraApi.Model> all() {
        return all;
    }

    /** The display name of {@code id}; an id no longer listed (an imported chat's model) as itself. */
    String name(String id) {
        if (id == null) {
            return "Assistant";
        }
        for (LocaraApi.Model m : all) {
            if (m.id().equals(id)) {
                return m.name();
            }
        }
        return id;
    }
}
