package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StoredRecordTest {
    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";

    @Test
    void roundTrips() {
        StoredRecord r = new StoredRecord(SHA, 1_185_376);
        assertEquals(SHA + " 1185376", r.text());
        assertEquals(r, StoredRecord.parse(r.text()));
        assertEquals(r, StoredRecord.parse(" " + r.text() + "\n"));
    }

    @Test
    void theModificationTimeOfTheLastMatchingHashTravelsToo() {
        StoredRecord r = new StoredRecord(SHA, 1_185_376, 1_765_108_800_123L);
        assertEquals(SHA + " 1185376 1765108800123", r.text());
        assertEquals(r, StoredRecord.parse(r.text()));
        assertEquals(new StoredRecord(SHA, 12, 34), StoredRecord.parse(SHA + " 12 34"));
        assertEquals(-1, StoredRecord.parse(SHA + " 12").modifiedMs());
    }

    @Test
    void anOlderMarkerHoldsOnlyTheHash() {
        assertEquals(new StoredRecord(SHA, -1), StoredRecord.parse(SHA));
    }

    @Test
    void whatIsNoRecordIsRefused() {
        assertNull(StoredRecord.parse(null));
        assertNull(StoredRecord.parse(""));
        assertNull(StoredRecord.parse("not a hash"));
        assertNull(StoredRecord.parse(SHA.toUpperCase()));
        assertNull(StoredRecord.parse(SHA + " twelve"));
        assertNull(StoredRecord.parse(SHA + " -5"));
        assertNull(StoredRecord.parse(SHA + " 12 34 56"));
        assertNull(StoredRecord.parse(SHA + " 12 -34"));
        assertNull(StoredRecord.parse(SHA + " +12"));
        assertNull(StoredRecord.parse(SHA.substring(1)));
    }
}
