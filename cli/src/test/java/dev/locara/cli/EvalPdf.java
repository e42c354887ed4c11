package dev.locara.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the evaluation set's PDFs (eval/retrieval/*.pdf) from their text sources in eval/retrieval/pdf-source:
 * a line {@code === page ===} starts a new page, a line {@code # Title} is a bold heading, blank lines end
 * paragraphs. Standard 14 fonts (nothing embedded) and a document id derived from the source, no dates, so the
 * same source gives the same bytes and {@code EvalSetTest} can check that the committed PDFs are up to date.
 * Run: {@code java -cp cli/target/test-classes:... dev.locara.cli.EvalPdf eval/retrieval}.
 */
final class EvalPdf {
    static final String PAGE_BREAK = "=== page ===";
    private static final float MARGIN = 64, BODY_SIZE = 11, HEADING_SIZE = 15, LEADING = 1.4f;

    private EvalPdf() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "eval/retrieval");
        try (var sources = Files.list(dir.resolve("pdf-source"))) {
            for (Path src : sources.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String stem = src.getFileName().toString().replaceFirst("\\.txt$", "");
                Path out = dir.resolve(stem + ".pdf");
                Files.write(out, render(Files.readString(src)));
                System.out.println("wrote " + out);
            }
        }
    }

    static byte[] render(String source) throws IOException {
        PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(firstHeading(source));
            for (String page : source.replace("\r\n", "\n").split("\n" + PAGE_BREAK + "\n", -1)) {
                PDPage p = new PDPage(PDRectangle.A4);
                doc.addPage(p);
                float width = p.getMediaBox().getWidth() - 2 * MARGIN;
                float y = p.getMediaBox().getHeight() - MARGIN;
                try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                    for (String para : page.strip().split("\n\\s*\n")) {
                        boolean heading = para.startsWith("# ");
                        PDType1Font font = heading ? bold : body;
                        float size = heading ? HEADING_SIZE : BODY_SIZE;
                        for (String line : wrap(heading ? para.substring(2) : para, font, size, width)) {
                            y -= size * LEADING;
                            if (y < MARGIN) {
                                throw new IllegalArgumentException("page text does not fit on one page: " + line);
                            }
                            cs.beginText();
                            cs.setFont(font, size);
                            cs.newLineAtOffset(MARGIN, y);
                            cs.showText(line);
                            cs.endText();
                        }
                        y -= BODY_SIZE * 0.6f;
                    }
                }
            }
            COSString id = new COSString(md5(source));
            COSArray ids = new COSArray();
            ids.add(id);
            ids.add(id);
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Greedy wrapping at spaces only, so no word is hyphenated and extraction gives the source's words back. */
    private static List<String> wrap(String para, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : para.strip().split("\\s+")) {
            String trial = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && font.getStringWidth(trial) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(trial);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String firstHeading(String source) {
        for (String line : source.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).strip();
            }
        }
        return "";
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
