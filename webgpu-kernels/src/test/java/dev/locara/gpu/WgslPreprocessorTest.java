package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WgslPreprocessorTest {
    private static final String SOURCE = String.join("\n",
            "a",
            "#if TYPE_Q4_0 || TYPE_Q4_1",
            "q4",
            "#elif TYPE_Q8_0",
            "q8",
            "#if NESTED",
            "nested",
            "#endif",
            "#else",
            "other",
            "#endif",
            "#include \"tail.wgsl\"");

    private static String run(String... defines) {
        return WgslPreprocessor.process(SOURCE, Set.of(defines), Map.of("tail.wgsl", "tail")::get);
    }

    @Test
    void keepsTheTakenBranchAndBlanksTheRest() {
        assertEquals("a\n\nq4\n\n\n\n\n\n\n\n\ntail", run("TYPE_Q4_1"));
        assertEquals("a\n\n\n\nq8\n\nnested\n\n\n\n\ntail", run("TYPE_Q8_0", "NESTED"));
        assertEquals("a\n\n\n\n\n\n\n\n\nother\n\ntail", run("NESTED"));
    }

    @Test
    void refusesUnbalancedLines() {
        assertThrows(IllegalArgumentException.class, () -> WgslPreprocessor.process("#if A\nx", Set.of(), n -> ""));
        assertThrows(IllegalArgumentException.class, () -> WgslPreprocessor.process("#endif", Set.of(), n -> ""));
    }

    @Test
    void refusesConditionsItCannotRead() {
        // "A && B" once read as a single undefined name, so its branch was silently dropped.
        for (String condition : new String[] {"A && B", "!A", "A ||", "(A)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WgslPreprocessor.process("#if " + condition + "\nx\n#endif", Set.of("A", "B"), n -> ""));
            assertTrue(e.getMessage().contains("nest #if"), e.getMessage());
        }
        assertEquals("\nx\n", WgslPreprocessor.process("#if B || A\nx\n#endif", Set.of("A"), n -> ""));
    }

    @Test
    void listsIncludedFilesLiveOrNot() {
        // What WebGpu fetches ahead of compiling, all at once: a dead branch's include too.
        assertEquals(java.util.List.of("tail.wgsl"), WgslPreprocessor.includes(SOURCE));
        assertEquals(java.util.List.of("a.wgsl", "b.wgsl"),
                WgslPreprocessor.includes("#if X\n  #include \"a.wgsl\"\n#else\n#include \"b.wgsl\"\n#endif\n"));
    }
}
