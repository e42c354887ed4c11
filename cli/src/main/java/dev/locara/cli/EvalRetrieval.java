package dev.locara.cli;

import dev.locara.docs.Chunk;
import dev.locara.docs.Chunker;
import dev.locara.docs.DocumentText;
import dev.locara.docs.TokenCounter;
import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.EncoderCpu;
import dev.locara.embed.InputType;
import dev.locara.embed.Vectors;
import dev.locara.json.JsonWriter;
import dev.locara.retrieval.DocumentIndex;
import dev.locara.retrieval.IndexedDocument;
import dev.locara.retrieval.SearchMode;
import dev.locara.retrieval.SearchResult;
import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval-retrieval DIR}: recall@k and MRR of keyword, vector and hybrid search over an evaluation set
 * ({@link EvalSet}), with the browser's chunking ({@link Chunker}'s defaults), index and ranking
 * ({@link DocumentIndex}) and the CPU reference encoder. A question is a hit at the first rank whose passage is of
 * the question's document and contains its answer (whitespace runs as one space, any case).
 */
final class EvalRetrieval {
    static final String USAGE = "locara eval-retrieval DIR [--embedding-model FILE] [--k 5] [--misses]";
    /** MRR counts a hit up to this rank: past it, a passage is unlikely to reach a prompt. */
    static final int MRR_AT = 10;

    /**
     * Tokens without a model: each run of letters and digits, and each other visible character, is one, as BERT's
     * pre-tokenizer splits text before WordPiece. It undercounts words WordPiece cuts into pieces, so keyword-only
     * chunks run somewhat longer than a model's would.
     */
    static final TokenCounter WORDS = text -> {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    n++;
                }
                inWord = true;
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    n++;
                }
            }
        }
        return n;
    };

    private EvalRetrieval() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of("embedding-model", "k"), Set.of("misses")).positionals(1);
        int k = args.integer("k", 5, 1);
        EvalSet set = EvalSet.load(Path.of(args.positional(0)), USAGE);
        Map<String, Object> report = new LinkedHashMap<>();
        if (!args.has("embedding-model")) {
            DocumentIndex index = index(set, new Chunker(WORDS), null, "");
            describe(report, set, index, k, null);
            report.put("keyword", score(set, index, null, SearchMode.KEYWORD, k, args.has("misses") ? err : null));
            report.put("vector", null);
            report.put("hybrid", null);
            report.put("note", "no --embedding-model: keyword search only, chunks bounded by a word count");
            out.println(JsonWriter.PRETTY.write(report));
            return;
        }
        try (OpenModel m = OpenModel.open(args.string("embedding-model", ""))) {
            Tokenizer tokenizer = Tokenizer.fromGguf(m.gguf());
            Embedder embedder = new Embedder(new EncoderCpu(m.gguf(), m.source()), tokenizer);
            String model = m.path().getFileName().toString().replaceFirst("\\.gguf$", "");
            DocumentIndex index = index(set, new Chunker(TokenCounter.of(tokenizer)), embedder, model);
            float[][] queries = embed(embedder, set.questions().stream().map(EvalSet.Question::question).toList(), InputType.QUERY, err);
            describe(report, set, index, k, model);
            PrintStream misses = args.has("misses") ? err : null;
            for (SearchMode mode : SearchMode.values()) {
                report.put(mode.name().toLowerCase(Locale.ROOT), score(set, index, queries, mode, k, misses));
            }
            out.println(JsonWriter.PRETTY.write(report));
        }
    }

    private static void describe(Map<String, Object> report, EvalSet set, DocumentIndex index, int k, String model) {
        report.put("questions", set.questions().size());
        report.put("documents", set.documents().size());
        report.put("chunks", index.chunkCount());
        report.put("embedding_model", model);
        report.put("k", k);
        report.put("mrr_at", MRR_AT);
    }

    /** Every document chunked and, with a model, embedded as DOCUMENT input; vectors L2-normalized as the index expects. */
    private static DocumentIndex index(EvalSet set, Chunker chunker, Embedder embedder, String model) {
        DocumentIndex index = new DocumentIndex();
        for (Map.Entry<String, DocumentText> doc : set.documents().entrySet()) {
            List<Chunk> chunks = chunker.chunk(doc.getKey(), doc.getValue());
            float[][] vectors = embedder == null || chunks.isEmpty() ? null
                    : embed(embedder, chunks.stream().map(Chunk::indexedText).toList(), InputType.DOCUMENT, null);
            index.put(new IndexedDocument(doc.getKey(), model, chunks, vectors));
        }
        return index;
    }

    private static float[][] embed(Embedder embedder, List<String> texts, InputType type, PrintStream err) {
        var result = embedder.embed(new EmbeddingRequest(texts, type, 0));
        if (err != null) {
            result.warnings().forEach(w -> err.println("warning: " + w));
        }
        float[][] v = result.vectors();
        for (int i = 0; i < v.length; i++) {
            v[i] = Vectors.normalize(v[i]);
        }
        return v;
    }

    /** recall@k and MRR@10 of one mode; with {@code misses}, each question not found in the top k is listed there. */
    private static Map<String, Object> score(EvalSet set, DocumentIndex index, float[][] queries, SearchMode mode, int k,
                                             PrintStream misses) {
        int depth = Math.max(k, MRR_AT), hits = 0;
        double reciprocal = 0;
        for (int q = 0; q < set.questions().size(); q++) {
            EvalSet.Question question = set.questions().get(q);
            List<SearchResult> results = index.search(question.question(), queries == null ? null : queries[q], mode, depth, null);
            int rank = firstHit(results, question);
            if (rank > 0 && rank <= k) {
                hits++;
            }
            if (rank > 0 && rank <= MRR_AT) {
                reciprocal += 1.0 / rank;
            }
            if (misses != null && (rank == 0 || rank > k)) {
                misses.println(mode + " miss (rank " + (rank == 0 ? ">" + depth : rank) + "), line " + question.line() + ": "
                        + question.question());
            }
        }
        int n = set.questions().size();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("recall_at_" + k, round((double) hits / n));
        s.put("mrr", round(reciprocal / n));
        s.put("hits", hits);
        return s;
    }

    /** The 1-based rank of the first passage of the question's document holding its answer, 0 when none does. */
    static int firstHit(List<SearchResult> results, EvalSet.Question question) {
        String answer = EvalSet.normalize(question.answer());
        for (int i = 0; i < results.size(); i++) {
            Chunk c = results.get(i).chunk();
            if (c.documentId().equals(question.document()) && EvalSet.normalize(c.text()).contains(answer)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
