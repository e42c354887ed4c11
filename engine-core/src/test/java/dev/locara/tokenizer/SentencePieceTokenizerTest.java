package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentencePieceTokenizerTest {
    private static Tokenizer tokenizer;
    private static Vocabulary vocab;

    @BeforeAll
    static void load() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            tokenizer = Tokenizer.fromGguf(GgufReader.read(source));
        }
        vocab = tokenizer.vocabulary();
    }

    @Test
    void demoVocabulary() {
        assertInstanceOf(SentencePieceTokenizer.class, tokenizer);
        assertEquals(512, vocab.size());
        assertEquals(1, vocab.bos);
        assertEquals(2, vocab.eos);
        assertEquals(0, vocab.unk);
        assertTrue(vocab.addBos);
        assertFalse(vocab.addEos);
        assertTrue(vocab.addSpacePrefix);
        assertEquals("<s>", vocab.text(1));
        assertEquals(TokenType.CONTROL, vocab.type(1));
        assertEquals(TokenType.CONTROL, vocab.type(2));
        assertEquals(TokenType.UNKNOWN, vocab.type(0));
        assertEquals(TokenType.BYTE, vocab.type(3));
        assertEquals("<0x00>", vocab.text(3));
        assertTrue(vocab.isEndOfGeneration(2));
        assertFalse(vocab.isEndOfGeneration(1));
    }

    @Test
    void encodesTheDemoPrompt() {
        assertArrayEquals(new int[] {1, 403, 407, 261, 378}, tokenizer.encode("Once upon a time", true, false));
        assertArrayEquals(new int[] {403, 407, 261, 378}, tokenizer.encode("Once upon a time", false, false));
        assertArrayEquals(DemoModel.PROMPT_TOKENS, tokenizer.encode(DemoModel.PROMPT, true, true));
    }

    @Test
    void decodesTheReferenceOutput() {
        int[] all = new int[DemoModel.PROMPT_TOKENS.length + DemoModel.GREEDY_64.length];
        System.arraycopy(DemoModel.PROMPT_TOKENS, 0, all, 0, DemoModel.PROMPT_TOKENS.length);
        System.arraycopy(DemoModel.GREEDY_64, 0, all, DemoModel.PROMPT_TOKENS.length, DemoModel.GREEDY_64.length);
        assertEquals(DemoModel.GREEDY_TEXT, tokenizer.decode(all));
        // Control tokens contribute no text.
        assertEquals(0, tokenizer.pieceBytes(1).length);
        assertEquals(0, tokenizer.pieceBytes(2).length);
        assertEquals(" Once", tokenizer.decode(new int[] {1, 403, 2}));
    }

    @Test
    void asciiRoundTripsWithTheSpacePrefix() {
        String printable = printableAscii();
        String[] sentences = {
            "Once upon a time",
            "Lily's mom said \"hi\".",
            "Tom and Sam played with a big red ball!",
            "What is 2+2? It is 4; or 5: maybe.",
            "Hello world",
            "  two  spaces  ",
            "trailing ",
            "a",
            "Line one\nLine two\ttabbed\r\n",
            "ZZZ qqq xyzzy {braces} [brackets] <angles> ~tilde^ `tick` |pipe| @#$%&*",
            printable,
        };
        for (String s : sentences) {
            int[] ids = tokenizer.encode(s, false, false);
            assertTrue(ids.length > 0, s);
            for (int id : ids) {
                assertTrue(id >= 0 && id < vocab.size(), "id " + id + " for " + s);
                assertTrue(id != vocab.unk, "no <unk> needed for " + s);
            }
            assertEquals(" " + s, tokenizer.decode(ids), "round trip of '" + s + "'");
            // With BOS added, BOS decodes to nothing and the rest is the same.
            int[] withBos = tokenizer.encode(s, true, false);
            assertEquals(1, withBos[0]);
            assertArrayEquals(ids, Arrays.copyOfRange(withBos, 1, withBos.length));
            assertEquals(" " + s, tokenizer.decode(withBos));
        }
    }

    @Test
    void charactersOutsideTheVocabularyFallBackToBytes() {
        // "é" and "€" are single tokens of this vocabulary; these are not.
        String[] outside = {"\u00fc", "\u00df", "\u65e5", "\u03a9", "\uD83E\uDD99"};
        for (String c : outside) {
            assertEquals(-1, vocab.id(c), c + " is not a token");
            byte[] utf8 = c.getBytes(StandardCharsets.UTF_8);
            int[] ids = tokenizer.encode(c, false, false);
            assertEquals(1 + utf8.length, ids.length, "space piece then one byte token per UTF-8 byte of " + c);
            assertEquals("\u2581", vocab.text(ids[0]));
            for (int i = 0; i < utf8.length; i++) {
                assertEquals(TokenType.BYTE, vocab.type(ids[1 + i]));
                assertEquals(String.format("<0x%02X>", utf8[i] & 0xFF), vocab.text(ids[1 + i]), "byte " + i + " of " + c);
            }
            assertEquals(" " + c, tokenizer.decode(ids));
        }
        // In the middle of text, with neighbours that merge normally.
        String mixed = "The llama \uD83E\uDD99 said \u65e5 and \u00fc.";
        int[] ids = tokenizer.encode(mixed, false, false);
        assertEquals(" " + mixed, tokenizer.decode(ids));
        long byteTokens = Arrays.stream(ids).filter(id -> vocab.type(id) == TokenType.BYTE).count();
        assertEquals(4 + 3 + 2, byteTokens);
        // In-vocabulary non-ASCII characters stay single tokens.
        assertEquals(TokenType.NORMAL, vocab.type(vocab.id("\u00e9")));
        assertArrayEquals(new int[] {vocab.id("\u2581"), vocab.id("\u00e9")}, tokenizer.encode("\u00e9", false, false));
    }

    @Test
    void controlTokenTextIsParsedOnlyWhenAsked() {
        assertArrayEquals(new int[] {1}, tokenizer.encode("<s>", false, true));
        int[] plain = tokenizer.encode("<s>", false, false);
        assertFalse(Arrays.stream(plain).anyMatch(id -> id == 1), Arrays.toString(plain));
        assertEquals(" <s>", tokenizer.decode(plain));

        // Inside text: the special token splits it, and the text after it gets the space prefix again.
        int[] parsed = tokenizer.encode("a<s>b", false, true);
        assertArrayEquals(new int[] {vocab.id("\u2581a"), 1, vocab.id("\u2581b")}, parsed);
        int[] eos = tokenizer.encode("x</s>", true, true);
        assertEquals(1, eos[0]);
        assertEquals(2, eos[eos.length - 1]);
        int[] notParsed = tokenizer.encode("x</s>", true, false);
        assertFalse(Arrays.stream(notParsed).skip(1).anyMatch(id -> id == 1 || id == 2), Arrays.toString(notParsed));
        assertEquals(" x</s>", tokenizer.decode(notParsed));
    }

    @Test
    void emptyTextIsBosAloneOrNothing() {
        // As llama.cpp and SentencePiece: encode('', add_special_tokens=True) == [1], and [] without.
        assertArrayEquals(new int[] {1}, tokenizer.encode("", true, false));
        assertArrayEquals(new int[] {1}, tokenizer.encode("", true, true));
        assertArrayEquals(new int[0], tokenizer.encode("", false, false));
        // A special token alone gets no space piece either.
        assertArrayEquals(new int[] {1, 2}, tokenizer.encode("</s>", true, true));
    }

    @Test
    void bosAloneDecodesToNothingAndSpacesSurvive() {
        assertEquals("", tokenizer.decode(new int[] {1}));
        assertEquals("", tokenizer.decode(new int[0]));
        assertEquals("  ", tokenizer.decode(tokenizer.encode(" ", false, false)));
        assertEquals("   ", tokenizer.decode(tokenizer.encode("  ", true, false)));
    }

    @Test
    void mergesFollowScoresLikeTheNaiveAlgorithm() {
        // The reference definition: merge the adjacent pair whose merge is a token with the highest score (the
        // leftmost on ties) until none is left, then spell leftovers as byte tokens. Quadratic, but obviously right.
        Random random = new Random(2024);
        String alphabet = "abcdefghijklmnopqrstuvwxyz       ,.'!?ABCLST";
        List<String> texts = new ArrayList<>(List.of(DemoModel.GREEDY_TEXT.trim(), "Once upon a time",
                "the the the thethe", "aaaaaaaaaaaaaaaa", "sunshine and rainbows", "She said, \"Look!\"",
                // Runs of one letter: equal-scored overlapping pairs, where only the leftmost-first rule decides.
                "xlllx", "lll", "Hellllo", "sheeeep", "toooot", "kisssss", "baaaa", "hmmmmm", "yummmy", "ooo eee lll sss"));
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        String[] words = DemoModel.GREEDY_TEXT.split(" ");
        for (int i = 0; i < 100; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 1 + random.nextInt(6); j++) {
                String w = words[random.nextInt(words.length)];
                sb.append(j == 0 ? "" : random.nextInt(4) == 0 ? "" : " ").append(w.substring(random.nextInt(w.length() + 1)));
            }
            texts.add(sb.toString());
        }
        texts.removeIf(String::isEmpty); // "" is no text at all: see emptyTextIsBosAloneOrNothing
        for (String text : texts) {
            assertArrayEquals(naive(" " + text), tokenizer.encode(text, false, false), "'" + text + "'");
        }
    }

    private static int[] naive(String text) {
        List<String> symbols = new ArrayList<>();
        text.replace(" ", "\u2581").codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        while (true) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int id = vocab.id(symbols.get(i) + symbols.get(i + 1));
                if (id >= 0 && (best < 0 || vocab.score(id) > bestScore)) {
                    best = i;
                    bestScore = vocab.score(id);
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        List<Integer> ids = new ArrayList<>();
        for (String s : symbols) {
            int id = vocab.id(s);
            if (id >= 0) {
                ids.add(id);
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    ids.add(vocab.id(String.format("<0x%02X>", b & 0xFF)));
                }
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String printableAscii() {
        StringBuilder sb = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
