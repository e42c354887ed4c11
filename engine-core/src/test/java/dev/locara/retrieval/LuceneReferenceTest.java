package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.docs.Chunk;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.SmallFloat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keyword index against Apache Lucene 9.12 as an independent reference, on the repository's own
 * Markdown (one document per file, one chunk per paragraph: real English of many lengths). Lucene is fed
 * the terms {@link Terms} produced, joined by spaces through a WhitespaceAnalyzer, so what is compared is
 * the scoring alone. Lucene stores a chunk's length in one byte (SmallFloat.intToByte4: exact below 24,
 * then about 3 significant bits), so the exact comparison builds our index with the same quantization
 * through the package-private hook, and a second test bounds what the quantization alone changes.
 */
class LuceneReferenceTest {
    private static final List<Chunk> CHUNKS = new ArrayList<>();
    private static final Map<String, List<Chunk>> BY_DOCUMENT = new HashMap<>();
    private static final List<List<String>> QUERIES = new ArrayList<>();
    private static IndexSearcher lucene;

    @BeforeAll
    static void build() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(Path.of("..")), Files.list(Path.of("../docs")))) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            String[] paragraphs = Files.readString(f).split("\n\\s*\n");
            List<String> kept = new ArrayList<>();
            for (String p : paragraphs) {
                if (!p.isBlank()) {
                    kept.add(p);
                }
            }
            List<Chunk> chunks = Corpus.chunks(f.getFileName().toString(), kept.toArray(new String[0]));
            BY_DOCUMENT.put(f.getFileName().toString(), chunks);
            CHUNKS.addAll(chunks);
        }
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer());
        config.setSimilarity(new BM25Similarity(1.2f, 0.75f));
        try (IndexWriter w = new IndexWriter(dir, config)) {
            for (int i = 0; i < CHUNKS.size(); i++) {
                Document d = new Document();
                d.add(new StoredField("id", i));
                d.add(new TextField("body", String.join(" ", Terms.texts(CHUNKS.get(i).indexedText())), Field.Store.NO));
                w.addDocument(d);
            }
        }
        lucene = new IndexSearcher(DirectoryReader.open(dir));
        lucene.setSimilarity(new BM25Similarity(1.2f, 0.75f));
        SplittableRandom random = new SplittableRandom(20261207);
        List<String> vocabulary = new ArrayList<>(new TreeSet<>(Terms.texts(String.join("\n", CHUNKS.stream()
                .map(Chunk::text).toList()))));
        for (int q = 0; q < 200; q++) { // one to four terms, a repeat now and then
            List<String> query = new ArrayList<>();
            for (int t = random.nextInt(1, 5); t > 0; t--) {
                query.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            if (q % 10 == 0) {
                query.add(query.get(0));
            }
            QUERIES.add(query);
        }
        assertTrue(CHUNKS.size() > 200, "the corpus should be the repository's Markdown, " + CHUNKS.size() + " chunks");
    }

    private static KeywordIndex ours(IntUnaryOperator lengthNorm) {
        KeywordIndex index = new KeywordIndex(lengthNorm);
        BY_DOCUMENT.forEach(index::add);
        return index;
    }

    private static List<ScoreDoc> luceneHits(List<String> query) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : query) {
            b.add(new TermQuery(new Term("body", t)), BooleanClause.Occur.SHOULD);
        }
        return List.of(lucene.search(b.build(), CHUNKS.size()).scoreDocs);
    }

    private static Chunk chunkOf(ScoreDoc d) throws IOException {
        return CHUNKS.get(lucene.storedFields().document(d.doc).getField("id").numericValue().intValue());
    }

    /** The largest relative score difference over all queries; asserts the same passages in the same order. */
    private static double compare(KeywordIndex index, double tieTolerance) throws IOException {
        double worst = 0;
        for (List<String> query : QUERIES) {
            List<ScoreDoc> expected = luceneHits(query);
            List<Hit> actual = index.search(query, CHUNKS.size(), null);
            assertEquals(expected.size(), actual.size(), "matching passages for " + query);
            Map<Chunk, Double> ourScores = new HashMap<>();
            actual.forEach(h -> ourScores.put(h.chunk(), h.score()));
            for (int i = 0; i < expected.size(); i++) {
                double theirs = expected.get(i).score;
                double mine = ourScores.get(chunkOf(expected.get(i)));
                worst = Math.max(worst, Math.abs(mine - theirs) / theirs);
                if (!chunkOf(expected.get(i)).equals(actual.get(i).chunk())) { // only a tie may swap places
                    double other = actual.get(i).score();
                    assertTrue(Math.abs(other - theirs) <= tieTolerance * theirs, "rank " + (i + 1) + " of " + query);
                }
            }
        }
        return worst;
    }

    @Test
    void scoresMatchLuceneWithTheSameLengthQuantization() throws IOException {
        double worst = compare(ours(n -> SmallFloat.byte4ToInt(SmallFloat.intToByte4(n))), 1e-5);
        System.out.printf("BM25 vs Lucene 9.12, same length quantization: %d chunks, %d queries, "
                + "largest relative difference %.2e%n", CHUNKS.size(), QUERIES.size(), worst);
        assertTrue(worst < 1e-5, "Lucene computes in float, we in double: " + worst); // float has 24 bits
    }

    @Test
    void exactLengthsDifferFromLuceneOnlyByItsQuantization() throws IOException {
        KeywordIndex exact = ours(IntUnaryOperator.identity());
        double worst = 0;
        for (List<String> query : QUERIES) {
            List<ScoreDoc> expected = luceneHits(query);
            List<Hit> actual = exact.search(query, CHUNKS.size(), null);
            assertEquals(expected.size(), actual.size());
            Map<Chunk, Double> ourScores = new HashMap<>();
            actual.forEach(h -> ourScores.put(h.chunk(), h.score()));
            for (ScoreDoc d : expected) {
                worst = Math.max(worst, Math.abs(ourScores.get(chunkOf(d)) - d.score) / d.score);
            }
        }
        System.out.printf("BM25 vs Lucene 9.12, exact lengths: largest relative difference %.4f%n", worst);
        // Lucene's stored length is at most 1/8 below the true one; with k1 = 1.2, b = 0.75 that moves a
        // term's score by at most k1 b (dl / 8) / avgdl over f + k1 (1 - b + b dl' / avgdl): under 12%.
        assertTrue(worst > 0 && worst < 0.12, "relative difference " + worst);
    }

    @Test
    void porterStemsLikeLucene() throws IOException {
        TreeSet<String> words = new TreeSet<>();
        for (Chunk c : CHUNKS) {
            for (String w : c.text().toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        PorterStemmer ours = new PorterStemmer();
        List<String> differ = new ArrayList<>();
        for (String w : words) {
            String theirs = luceneStem(w);
            if (!ours.stem(w).equals(theirs)) {
                differ.add(w + ": " + ours.stem(w) + " vs " + theirs);
            }
        }
        System.out.println("Porter vs Lucene's PorterStemFilter: " + words.size() + " words, " + differ.size() + " differ");
        assertTrue(words.size() > 1500, "word count " + words.size());
        assertEquals(List.of(), differ);
    }

    private static String luceneStem(String word) throws IOException {
        Tokenizer tokenizer = new WhitespaceTokenizer();
        tokenizer.setReader(new StringReader(word));
        try (TokenStream s = new PorterStemFilter(tokenizer)) {
            CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
            s.reset();
            s.incrementToken();
            String out = term.toString();
            s.end();
            return out;
        }
    }
}
