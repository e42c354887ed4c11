package dev.locara.cli;

import dev.locara.docs.Block;
import dev.locara.docs.DocumentText;
import dev.locara.docs.TextReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A document file into the {@link DocumentText} the browser's importer (app-ui {@code Importer}) makes of it, so
 * the JVM chunks what the browser chunks: .txt and .md through engine-core's {@link TextReader}; .html walked as
 * the importer walks DOMParser's tree (headings, block elements, pre kept whole, whitespace collapsed, script and
 * other non-text elements dropped), here with jsoup; .pdf one block per page with its page number, here with
 * PDFBox instead of PDF.js (the two extract the same words; line breaks may differ, which only whitespace sees).
 */
final class DocumentFiles {
    static final List<String> EXTENSIONS = List.of(".txt", ".md", ".html", ".pdf");

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final java.util.Set<String> DROPPED = java.util.Set.of("script", "style", "noscript", "template", "iframe",
            "object", "embed", "svg", "math", "head");
    private static final java.util.Set<String> BLOCKS = java.util.Set.of("p", "div", "li", "ul", "ol", "table", "thead", "tbody",
            "tr", "td", "th", "blockquote", "section", "article", "header", "footer", "nav", "aside", "main", "dl", "dt", "dd",
            "figure", "figcaption", "br", "hr", "form", "caption", "details", "summary", "address");

    private DocumentFiles() {
    }

    /** Whether {@code name} has one of the extensions read here (case-insensitive, as the importer checks). */
    static boolean readable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    static DocumentText read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return pdf(name, Files.readAllBytes(file));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (lower.endsWith(".md")) {
            return TextReader.markdown(name, text);
        }
        if (lower.endsWith(".html")) {
            return html(name, text);
        }
        if (lower.endsWith(".txt")) {
            return TextReader.plain(name, text);
        }
        throw new IllegalArgumentException(name + " is not a .txt, .md, .html or .pdf file.");
    }

    static DocumentText html(String name, String html) {
        var doc = Jsoup.parse(html);
        doc.select(String.join(",", DROPPED)).remove();
        List<Block> blocks = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        walk(doc.body() != null ? doc.body() : doc, buf, blocks);
        flush(buf, blocks);
        return new DocumentText(name, "text/html", 0, blocks);
    }

    private static void walk(Node node, StringBuilder buf, List<Block> blocks) {
        for (Node c : node.childNodes()) {
            if (c instanceof TextNode t) {
                buf.append(t.getWholeText());
            } else if (c instanceof Element e) {
                String tag = e.normalName();
                if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
                    flush(buf, blocks);
                    String t = collapse(e.wholeText());
                    if (!t.isEmpty()) {
                        blocks.add(Block.heading(tag.charAt(1) - '0', t, 0));
                    }
                } else if (tag.equals("pre")) {
                    flush(buf, blocks);
                    String p = e.wholeText().replaceAll("^\\n+|\\s+$", "");
                    if (!p.isEmpty()) {
                        blocks.add(Block.text(p, 0));
                    }
                } else if (BLOCKS.contains(tag)) {
                    flush(buf, blocks);
                    walk(e, buf, blocks);
                    flush(buf, blocks);
                } else {
                    walk(e, buf, blocks);
                }
            }
        }
    }

    private static void flush(StringBuilder buf, List<Block> blocks) {
        String t = collapse(buf.toString());
        if (!t.isEmpty()) {
            blocks.add(Block.text(t, 0));
        }
        buf.setLength(0);
    }

    private static String collapse(String s) {
        return SPACE.matcher(s).replaceAll(" ").strip();
    }

    /** A page without text is left out of the blocks but counts, as in the importer. */
    static DocumentText pdf(String name, byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            List<Block> blocks = new ArrayList<>();
            int pages = doc.getNumberOfPages();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(doc).strip();
                if (!text.isEmpty()) {
                    blocks.add(Block.text(text, p));
                }
            }
            return new DocumentText(name, "application/pdf", pages, blocks);
        } catch (InvalidPasswordException e) {
            throw new IOException(name + " is an encrypted PDF; save an unencrypted copy to evaluate it.", e);
        } catch (IOException e) {
            throw new IOException(name + " could not be read as a PDF: " + e.getMessage(), e);
        }
    }
}
