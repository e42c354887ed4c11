package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoredRecordTest {
    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";

    @Test
    void roundTripsAndTrustsOnlyAnUnchangedFile() {
        StoredRecord r = new StoredRecord(SHA, 1_185_376, 1_765_100_000_123d);
        assertEquals(SHA + " 1185376 1765100000123", r.text());
        StoredRecord back = StoredRecord.parse(r.text());
        assertEquals(r, back);
        assertTrue(back.unchanged(1_185_376, 1_765_100_000_123d));
        assertFalse(back.unchanged(1_185_376, 1_765_100_000_124d), "written since: hash it again");
        assertFalse(back.unchanged(1_185_375, 1_765_100_000_123d), "another size: hash it again");
    }

    @Test
    void anOlderMarkerHoldsOnlyTheHashAndIsNeverTrustedUnhashed() {
        StoredRecord r = StoredRecord.parse(SHA);
        assertEquals(SHA, r.sha256());
        assertFalse(r.unchanged(1_185_376, 0));
        assertFalse(r.unchanged(-1, -1));
    }

    @Test
    void whatIsNoRecordIsRefused() {
        assertNull(StoredRecord.parse(null));
        assertNull(StoredRecord.parse(""));
        assertNull(StoredRecord.parse("not a hash"));
        assertNull(StoredRecord.parse(SHA.toUpperCase()));
        assertNull(StoredRecord.parse(SHA + " 12"));
        assertNull(StoredRecord.parse(SHA + " twelve 3"));
        assertNull(StoredRecord.parse(SHA.substring(1)));
    }
}
