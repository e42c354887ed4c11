package dev.locara.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredLedgerTest {
    @Test
    void remembersWhatWasStoredAndNamesWhatStorageNoLongerHas() {
        StoredLedger l = new StoredLedger();
        l.add("stories260k", true);
        l.add("tiny-tales", false);
        StoredLedger back = StoredLedger.parse(l.toJson());
        assertEquals("{\"models\":[{\"id\":\"stories260k\",\"pinned\":true},{\"id\":\"tiny-tales\",\"pinned\":false}]}",
                back.toJson());
        assertTrue(back.pinned("stories260k"));
        assertFalse(back.pinned("tiny-tales"));
        assertEquals(List.of(), back.lost(Set.of("stories260k", "tiny-tales", "other")));
        assertEquals(List.of("stories260k", "tiny-tales"), back.lost(Set.of()), "evicted: both are lost");
        back.remove("stories260k");
        assertEquals(List.of("tiny-tales"), back.lost(Set.of()));
    }

    @Test
    void anUnreadableLedgerReadsAsEmpty() {
        for (String bad : new String[] {null, "", "{", "[]", "{\"models\": 3}", "{\"models\": [{\"id\": 4, \"pinned\": true}]}"}) {
            assertEquals(List.of(), StoredLedger.parse(bad).lost(Set.of()), String.valueOf(bad));
        }
        StoredLedger partly = StoredLedger.parse("{\"models\": [{\"id\": \"a\"}, {\"id\": \"b\", \"pinned\": false}]}");
        assertEquals(List.of("b"), partly.lost(Set.of()), "an entry without its fields is skipped");
    }
}
