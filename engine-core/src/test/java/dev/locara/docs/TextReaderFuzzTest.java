package dev.locara.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The document text reader on any text (ROBUSTNESS.md): plain text and Markdown never fail, and plain text
 * loses no visible character, nor invents one (its blocks hold the input's non-space characters, in order).
 */
class TextReaderFuzzTest {
    static void readBoth(String text) {
        DocumentText plain = TextReader.plain("fuzz.txt", text);
        StringBuilder kept = new StringBuilder();
        plain.blocks().forEach(b -> kept.append(b.text()));
        assertEquals(visible(text), visible(kept.toString()), text);
        TextReader.markdown("fuzz.md", text);
    }

    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @FuzzTest(maxDuration = "60s")
    void anyText(FuzzedDataProvider data) {
        readBoth(data.consumeRemainingAsString());
    }

    @Property(tries = 2000)
    void markdownLikeText(@ForAll("markdownish") String text) {
        readBoth(text);
    }

    @Provide
    Arbitrary<String> markdownish() {
        return Arbitraries.of("# ", "## ", "###### ", "####### ", "===", "---", "```", "~~~", "\n", "\n\n", "\r\n", "\r", " ", "\t",
                "text", "code", "\u00A0", "\u2028", "* item", "> quote", "#", "`", "\uD83D\uDE00").list().ofMaxSize(30)
                .map(l -> String.join("", l));
    }
}
