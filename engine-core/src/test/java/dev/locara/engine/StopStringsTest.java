package dev.locara.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {
    @Test
    void aStopStringSplitAcrossPiecesIsHeldBackThenDropped() {
        StopStrings s = new StopStrings(List.of("world"));
        assertEquals("Hello ", s.push("Hello w"));
        assertEquals("", s.push("or"));
        assertFalse(s.stopped());
        assertEquals("", s.push("ld!"));
        assertTrue(s.stopped());
        assertEquals("", s.push("more"));
        assertEquals("", s.flush());
    }

    @Test
    void heldTextIsReleasedWhenTheMatchFails() {
        StopStrings s = new StopStrings(List.of("world"));
        assertEquals("Hello ", s.push("Hello w"));
        assertEquals("wax", s.push("ax"));
        assertEquals("", s.push("wor"));
        assertEquals("wor", s.flush(), "the end of generation releases what was held");
    }

    @Test
    void theEarliestStopWins() {
        StopStrings s = new StopStrings(List.of("c", "abc", "zz"));
        assertEquals("x", s.push("xabcd"));
        assertTrue(s.stopped());
        StopStrings t = new StopStrings(List.of("END"));
        assertEquals("a ", t.push("a END b"));
    }

    @Test
    void aRepeatedPrefixKeepsOnlyWhatCanStillMatch() {
        StopStrings s = new StopStrings(List.of("aab"));
        assertEquals("", s.push("a"));
        assertEquals("", s.push("a"));
        assertEquals("a", s.push("a"), "'aaa' can only still match as its last two letters");
        assertEquals("", s.push("b"));
        assertTrue(s.stopped());
    }

    @Test
    void noStopStringsPassEverything() {
        StopStrings s = new StopStrings(List.of());
        assertEquals("abc", s.push("abc"));
        assertEquals("", s.flush());
    }
}
