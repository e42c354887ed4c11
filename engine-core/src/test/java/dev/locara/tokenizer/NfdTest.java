package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generated table decomposes every code point as the JDK's Normalizer does (else: regenerate it). */
class NfdTest {
    @Test
    void tableMatchesTheJdkForEveryCodePoint() {
        int checked = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            String jdk = Normalizer.normalize(s, Normalizer.Form.NFD);
            int[] ours = Nfd.decompose(cp);
            String mine = ours == null ? s : new String(ours, 0, ours.length);
            if (!jdk.equals(mine)) {
                assertEquals(Arrays.toString(jdk.codePoints().toArray()), Arrays.toString(mine.codePoints().toArray()),
                        "U+" + Integer.toHexString(cp) + ": regenerate NfdTable with NfdTableGenerator");
            }
            checked++;
        }
        assertEquals(Character.MAX_CODE_POINT + 1 - 0x800, checked);
    }

    @Test
    void accentsAreStrippedAndHangulDecomposed() {
        assertEquals("[cafe, ., fuhrer, ᄒ\u1161\u11ab]", WordPieceTokenizer.words("Café. FÜHRER \uD55C").toString());
    }
}
