package dev.locara.grounding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CitationsTest {
    private static List<Integer> numbers(String answer, int sources) {
        return Citations.find(answer, sources).stream().map(Citations.Marker::number).toList();
    }

    @Test
    void singleListAndAdjacentMarkers() {
        assertEquals(List.of(1, 2, 3, 1, 3), numbers("Descale monthly [1]. Use vinegar [2, 3] or [1][3].", 3));
        List<Citations.Marker> m = Citations.find("a [2, 3] b", 3);
        assertEquals(new Citations.Marker(2, 8, 2), m.get(0));
        assertEquals(new Citations.Marker(2, 8, 3), m.get(1));
    }

    @Test
    void codeSpansAndFencesAreNotCitations() {
        assertEquals(List.of(2), numbers("Use `a[1]` and\n```\nx = b[1]\n```\nthen [2].", 2));
        // a backtick with no partner is literal text (CommonMark), so the marker after it counts
        assertEquals(List.of(1), numbers("``x[1]`` and ` unclosed [1]", 1));
    }

    @Test
    void numbersThatNameNoSourceAndNonMarkersAreIgnored() {
        assertEquals(List.of(2), numbers("[0] [4] [2, 9] [a] [1 2] [] [1](http://x) [", 3));
    }
}
