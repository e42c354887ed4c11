package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every tokenizer on any text (ROBUSTNESS.md): encode never throws, and decode(encode(x)) gives x back
 * where the tokenizer promises it ({@link AllTokenizers#LOSSLESS}; SentencePiece adds one leading space).
 * WordPiece (lowercasing, accent stripping) is only required not to fail, and to decode what it encoded.
 */
class TokenizerFuzzTest {
    static void encodeAndCheck(String text) {
        boolean wellFormed = text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
        for (String name : AllTokenizers.ALL) {
            Tokenizer t = AllTokenizers.get(name);
            int[] ids = t.encode(text, false, false);
            String back = t.decode(ids);
            if (wellFormed && AllTokenizers.LOSSLESS.contains(name)) {
                String expected = name.equals("llama-spm") && !text.isEmpty() ? " " + text : text;
                assertEquals(expected, back, name + " on " + TokenizerVectors.quote(text));
            }
            t.encode(text, true, true); // special-token parsing on: the same text may now hold control tokens
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyText(FuzzedDataProvider data) {
        encodeAndCheck(data.consumeRemainingAsString());
    }

    @Property(tries = 300)
    void anyTextRoundTrips(@ForAll("texts") String text) {
        encodeAndCheck(text);
    }

    /** Code points from every plane and the classes the pre-tokenizers split on, lone surrogates included. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Integer> cps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of((int) ' ', (int) '\n', (int) '\r', (int) '\t', (int) '\'', (int) 'a',
                        (int) 'A', (int) '7', (int) '_', (int) '!', 0x0301, 0x00A0, 0x3000, 0x4E2D, 0x1F600, 0x2126, 0x212A)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return cps.list().ofMaxSize(40).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(c -> sb.append(c >= 0xD800 && c <= 0xDFFF ? String.valueOf((char) (int) c) : new String(Character.toChars(c))));
            return sb.toString();
        });
    }
}
