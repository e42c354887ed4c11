package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.List;

/** Chunks made from plain strings for the tests, laid end to end as a chunker would. */
final class Corpus {
    private Corpus() {
    }

    static List<Chunk> chunks(String documentId, String... texts) {
        List<Chunk> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < texts.length; i++) {
            out.add(new Chunk(documentId, i, List.of(), 0, at, at + texts[i].length(), texts[i], texts[i].length() / 4));
            at += texts[i].length();
        }
        return out;
    }

    static IndexedDocument document(String documentId, String... texts) {
        return IndexedDocument.keywordOnly(documentId, chunks(documentId, texts));
    }
}
