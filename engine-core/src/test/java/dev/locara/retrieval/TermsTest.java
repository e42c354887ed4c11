package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermsTest {
    /** "text@[start,end)" for each term, with the original characters its range covers. */
    private static List<String> read(String text) {
        List<String> out = new ArrayList<>();
        for (Terms.Term t : Terms.of(text)) {
            out.add(t.text() + "=" + text.substring(t.start(), t.end()));
        }
        return out;
    }

    @Test
    void lowercasesDropsStopWordsAndStems() {
        assertEquals(List.of("run=Running", "index=indexes", "fast=fast"), read("Running the indexes is fast"));
        assertEquals(List.of("us=used", "us=uses", "us=using", "us=use"), read("used, uses; using: use"));
    }

    @Test
    void accentsFoldInPrecomposedAndDecomposedForm() {
        assertEquals(List.of("cafe=café", "cafe=cafe\u0301", "cafe=CAFE"), read("café cafe\u0301 CAFE"));
        assertEquals(List.of("uber=Über", "naiv=naïve"), read("Über naïve"));
    }

    @Test
    void rangesStayRightAfterCharactersOutsideTheBmp() {
        String text = "🦙 llama 𝐀 café"; // an emoji (a symbol) and a mathematical letter, two UTF-16 units each
        assertEquals(List.of("llama=llama", "𝐀=𝐀", "cafe=café"), read(text));
        assertEquals(List.of(3, 9, 12), Terms.of(text).stream().map(Terms.Term::start).toList());
    }

    @Test
    void cjkIdeographsAndKanaAreOneTermEach() {
        assertEquals(List.of("東=東", "京=京", "タ=タ", "ワ=ワ", "ー=ー", "tokyo=Tokyo"), read("東京タワー Tokyo"));
        assertEquals(List.of("𠀀=𠀀", "x=x"), read("𠀀x")); // an ideograph outside the BMP, then a letter
    }

    @Test
    void digitsAndLettersRunTogetherAndPunctuationSplits() {
        assertEquals(List.of("mp3=mp3", "2024=2024"), read("mp3, 2024!"));
        assertEquals(List.of("q4=Q4", "0=0", "gguf=gguf"), read("Q4_0.gguf"));
    }

    @Test
    void possessiveSIsDropped() {
        assertEquals(List.of("locara=Locara", "index=index"), read("Locara's index"));
        assertEquals(List.of("locara=Locara", "index=index"), read("Locara’s index"));
        assertEquals(List.of("s=s", "class=class"), read("'s class"));
    }
}
