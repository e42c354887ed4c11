package dev.locara.cache;

import java.util.List;

/** The models the workbench can load by name. The pinned manifest of many models comes later. */
public final class ModelCatalog {
    public static final ModelRef DEMO = new ModelRef("stories260k", "TinyStories 260K (demo, F32)", "stories260K.gguf",
            1_185_376L, "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", "MIT");

    private static final List<ModelRef> MODELS = List.of(DEMO);

    private ModelCatalog() {
    }

    public static List<ModelRef> all() {
        return MODELS;
    }

    /** The model named {@code id}, or an error that lists the names that exist. */
    public static ModelRef byId(String id) {
        for (ModelRef m : MODELS) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new UnknownModelException(id, names());
    }

    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (ModelRef m : MODELS) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        }
        return sb.toString();
    }
}
