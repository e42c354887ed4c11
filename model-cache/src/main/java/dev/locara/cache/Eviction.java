package dev.locara.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stored models to offer for deletion when a download does not fit: least recently used first, and
 * only as many as it takes. The choice is offered in the error, never carried out without the user.
 */
public final class Eviction {
    private Eviction() {
    }

    /**
     * The least-recently-used prefix of {@code stored} whose bytes, added to {@code free}, reach {@code needed};
     * all of them when even that is not enough (the message then says so), none when it already fits.
     * {@code keep} (the model being downloaded, whose partial bytes count towards it) is never offered.
     */
    public static List<ModelStore.Stored> suggest(List<ModelStore.Stored> stored, long needed, long free, String keep) {
        List<ModelStore.Stored> byAge = new ArrayList<>();
        for (ModelStore.Stored s : stored) {
            if (!s.id().equals(keep)) {
                byAge.add(s);
            }
        }
        // Stable: models used at the same moment keep the listing order, so the suggestion is reproducible.
        byAge.sort((a, b) -> Double.compare(a.lastUsed(), b.lastUsed()));
        List<ModelStore.Stored> out = new ArrayList<>();
        long freed = free;
        for (ModelStore.Stored s : byAge) {
            if (freed >= needed) {
                break;
            }
            out.add(s);
            freed += s.bytes();
        }
        return out;
    }

    /** Bytes the suggested models free. */
    public static long bytes(List<ModelStore.Stored> models) {
        long sum = 0;
        for (ModelStore.Stored s : models) {
            sum += s.bytes();
        }
        return sum;
    }
}
