package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pathological inputs (issue 23): a text of length n and one of 2n, built the same way, and the work each
 * takes to encode as {@link WorkCounter} counts it. Linear work gives a ratio of 2; a quadratic scan gives 4.
 * Twelve shapes of 64K and 128K chars for every tokenizer, then the four the issue names at a megabyte.
 */
class TokenizerLinearityTest {
    private static final int N = 1 << 16;
    private static final int MEGABYTE = 1 << 20;
    /** Above 2, for the priority queue's and the hash tables' small overheads; well below the 4 of a quadratic scan. */
    private static final double MAX_RATIO = 2.1;

    /** Each input as a function of its length in repetitions of a unit. */
    private record Shape(String name, String unit, String tail) {
        String of(int n) {
            return unit.repeat(n) + tail;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("spaces", " ", ""),
            new Shape("spaces then a letter", " ", "a"),
            new Shape("spaces then an emoji", " ", "\uD83D\uDE00"),
            new Shape("one emoji", "\uD83D\uDE00", ""),
            new Shape("combining marks", "\u0301", ""),
            new Shape("one long word", "a", ""),
            new Shape("one long capitalised word", "A", "a"),
            new Shape("digits", "7", ""),
            new Shape("line breaks", "\r\n", ""),
            new Shape("tabs and spaces", "\t ", "x"),
            new Shape("CJK", "\u4E2D", ""),
            new Shape("apostrophes", "'", "s"));

    @Test
    void everyTokenizerTakesLinearWorkOnPathologicalInputs() {
        List<String> superLinear = new ArrayList<>();
        for (String name : AllTokenizers.ALL) {
            Tokenizer tokenizer = AllTokenizers.get(name);
            for (Shape shape : SHAPES) {
                // Units of 2 UTF-16 chars (emoji, CR LF) count half as many repetitions: every text is about 2^20 chars.
                int n = N / shape.unit.length();
                long small = work(tokenizer, shape.of(n));
                long large = work(tokenizer, shape.of(2 * n));
                double ratio = (double) large / small;
                if (!(ratio <= MAX_RATIO)) {
                    superLinear.add(name + ", " + shape.name + ": work " + small + " for n, " + large + " for 2n (ratio "
                            + String.format("%.2f", ratio) + ")");
                }
            }
        }
        assertTrue(superLinear.isEmpty(), String.join("\n", superLinear));
    }

    /** A megabyte of spaces, of one emoji, of combining marks, of one long word: 16 times the work of 64K chars, give or take 5%. */
    @Test
    void aMegabyteTakesSixteenTimesTheWorkOf64K() {
        List<String> superLinear = new ArrayList<>();
        for (String name : AllTokenizers.ALL) {
            Tokenizer tokenizer = AllTokenizers.get(name);
            for (Shape shape : SHAPES.subList(0, 6)) {
                if (shape.name.startsWith("spaces then")) {
                    continue;
                }
                int n = N / shape.unit.length();
                long small = work(tokenizer, shape.of(n));
                long large = work(tokenizer, shape.of(n * (MEGABYTE / N)));
                double ratio = (double) large / small;
                if (!(ratio <= (MEGABYTE / N) * 1.05)) {
                    superLinear.add(name + ", " + shape.name + ": work " + small + " for 64K, " + large + " for 1M (ratio "
                            + String.format("%.2f", ratio) + ")");
                }
            }
        }
        assertTrue(superLinear.isEmpty(), String.join("\n", superLinear));
    }

    private static long work(Tokenizer tokenizer, String text) {
        long before = WorkCounter.steps();
        tokenizer.encode(text, false, false);
        return WorkCounter.steps() - before;
    }
}
