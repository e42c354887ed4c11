package dev.locara.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval-retrieval on a set small enough to score by hand: two one-sentence documents, three questions, keyword
 * search. "warranty" and "water" each occur in one document only, so those questions hit at rank 1; "lasts" occurs
 * only in the warranty document while the question names the kettle document, so that one is a miss at every rank:
 * recall@5 = MRR = 2/3.
 */
class EvalRetrievalTest {
    @Test
    void keywordRecallAndMrrAsWorkedByHand(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kettle.txt"), "The kettle boils water in two minutes.\n");
        Files.writeString(dir.resolve("warranty.txt"), "The warranty lasts three years from purchase.\n");
        Files.writeString(dir.resolve("questions.jsonl"), String.join("\n",
                "{\"question\": \"How long is the warranty?\", \"document\": \"warranty.txt\", \"answer\": \"three years\"}",
                "{\"question\": \"What does it do to water?\", \"document\": \"kettle.txt\", \"answer\": \"boils water\"}",
                "{\"question\": \"How long it lasts\", \"document\": \"kettle.txt\", \"answer\": \"two minutes\"}") + "\n");
        CliTest.Result r = CliTest.run("eval-retrieval", dir.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> report = (Map<?, ?>) Json.parse(r.out());
        assertEquals(3L, ((Number) report.get("questions")).longValue());
        Map<?, ?> keyword = (Map<?, ?>) report.get("keyword");
        assertEquals(0.6667, ((Number) keyword.get("recall_at_5")).doubleValue(), 1e-9, r.out());
        assertEquals(0.6667, ((Number) keyword.get("mrr")).doubleValue(), 1e-9, r.out());
    }

    @Test
    void aQuestionNamingAMissingDocumentIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Some text.\n");
        Files.writeString(dir.resolve("questions.jsonl"),
                "{\"question\": \"q\", \"document\": \"a.txt\", \"answer\": \"Some\"}\n"
                        + "{\"question\": \"q\", \"document\": \"b.txt\", \"answer\": \"x\"}\n");
        CliTest.Result r = CliTest.run("eval-retrieval", dir.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals(true, r.err().contains("line 2"), r.err());
    }
}
