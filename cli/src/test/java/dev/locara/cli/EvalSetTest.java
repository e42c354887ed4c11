package dev.locara.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.docs.Block;
import dev.locara.docs.DocumentText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed evaluation set, eval/retrieval: well formed, answerable, and its PDFs the generator's output. */
class EvalSetTest {
    static final Path DIR = Path.of(System.getProperty("locara.evalset", "../eval/retrieval"));

    @Test
    void everyAnswerOccursVerbatimInItsDocument() throws IOException {
        // load() refuses a set whose answer is not in its document's text (whitespace and case aside).
        EvalSet set = EvalSet.load(DIR, EvalRetrieval.USAGE);
        assertTrue(set.questions().size() >= 45, "questions: " + set.questions().size());
        Map<String, Long> perDocument = set.questions().stream()
                .collect(Collectors.groupingBy(EvalSet.Question::document, Collectors.counting()));
        assertEquals(set.documents().keySet(), perDocument.keySet(), "every document is asked about");
        for (String ext : DocumentFiles.EXTENSIONS) {
            assertTrue(set.documents().keySet().stream().anyMatch(n -> n.endsWith(ext)), "a " + ext + " document");
        }
        for (EvalSet.Question q : set.questions()) {
            String text = EvalSet.normalize(set.documents().get(q.document()).text());
            String answer = EvalSet.normalize(q.answer());
            assertEquals(text.indexOf(answer), text.lastIndexOf(answer), "line " + q.line() + ": the answer occurs once");
            assertFalse(EvalSet.normalize(q.question()).contains(answer), "line " + q.line() + ": the question gives the answer away");
        }
    }

    @Test
    void pdfsAreReadPageByPageAndHtmlWithoutItsScript() throws IOException {
        DocumentText tides = DocumentFiles.read(DIR.resolve("tides-explainer.pdf"));
        assertEquals(4, tides.pageCount());
        assertEquals(List.of(1, 2, 3, 4), tides.blocks().stream().map(Block::page).toList());
        assertTrue(EvalSet.normalize(tides.blocks().get(2).text()).contains("bay of fundy in canada"));

        DocumentText recipes = DocumentFiles.read(DIR.resolve("winter-kitchen-recipes.html"));
        assertFalse(recipes.text().contains("console.log"), "script text is dropped");
        assertFalse(recipes.text().contains("font-family"), "style text is dropped");
        Block first = recipes.blocks().get(0);
        assertEquals(Block.heading(1, "Winter Kitchen: Five Recipes", 0), first);
        assertTrue(recipes.blocks().contains(Block.text("250 g red lentils, rinsed", 0)), "a list item is its own block");
    }

    @Test
    void committedPdfsAreWhatTheGeneratorWrites() throws IOException {
        try (var sources = Files.list(DIR.resolve("pdf-source"))) {
            for (Path src : sources.toList()) {
                String stem = src.getFileName().toString().replaceFirst("\\.txt$", "");
                assertArrayEquals(Files.readAllBytes(DIR.resolve(stem + ".pdf")), EvalPdf.render(Files.readString(src)),
                        stem + ".pdf is out of date: run EvalPdf (see eval/retrieval/README.md)");
            }
        }
    }
}
