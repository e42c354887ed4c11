package dev.locara.cache;

import java.util.List;

/** The models the workbench knows by name: the built-in manifest's. */
public final class ModelCatalog {
    private static final Manifest BUILT_IN = Manifest.parse(BuiltinManifest.JSON);

    /** The demo model, the one the server ships and the tests run. */
    public static final ModelRef DEMO = byId("stories260k");

    private ModelCatalog() {
    }

    public static List<ModelRef> all() {
        return BUILT_IN.models();
    }

    /** The model named {@code id}, or an error that lists the names that exist. */
    public static ModelRef byId(String id) {
        for (ModelRef m : BUILT_IN.models()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new UnknownModelException(id, names());
    }

    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (ModelRef m : BUILT_IN.models()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        }
        return sb.toString();
    }
}
