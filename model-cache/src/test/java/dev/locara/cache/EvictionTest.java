package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvictionTest {
    private static final long MB = 1 << 20;
    private static final ModelStore.Stored OLD = new ModelStore.Stored("old", "old.gguf", 300 * MB, 1_000);
    private static final ModelStore.Stored MID = new ModelStore.Stored("mid", "mid.gguf", 500 * MB, 2_000);
    private static final ModelStore.Stored NEW = new ModelStore.Stored("new", "new.gguf", 900 * MB, 3_000);
    private static final List<ModelStore.Stored> STORED = List.of(NEW, OLD, MID); // listing order is not age order

    @Test
    void offersLeastRecentlyUsedFirstAndOnlyAsManyAsNeeded() {
        assertEquals(List.of(OLD), Eviction.suggest(STORED, 400 * MB, 200 * MB, "x"));
        assertEquals(List.of(OLD, MID), Eviction.suggest(STORED, 900 * MB, 200 * MB, "x"));
        assertEquals(800 * MB, Eviction.bytes(List.of(OLD, MID)));
    }

    @Test
    void offersNothingWhenItFitsAndEverythingWhenEvenThatIsNotEnough() {
        assertEquals(List.of(), Eviction.suggest(STORED, 100 * MB, 200 * MB, "x"));
        assertEquals(List.of(OLD, MID, NEW), Eviction.suggest(STORED, 10_000 * MB, 0, "x"));
    }

    @Test
    void neverOffersTheModelBeingDownloaded() {
        assertEquals(List.of(MID), Eviction.suggest(STORED, 600 * MB, 200 * MB, "old"));
    }

    @Test
    void equalAgesKeepListingOrder() {
        ModelStore.Stored a = new ModelStore.Stored("a", "a.gguf", MB, 5);
        ModelStore.Stored b = new ModelStore.Stored("b", "b.gguf", MB, 5);
        assertEquals(List.of(b), Eviction.suggest(List.of(b, a), MB, 0, "x"));
    }
}
