package dev.locara.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** The PDFs DocumentsTest imports, written by PDFBox at test time so that what each page holds is known. */
final class TestPdfs {
    private TestPdfs() {
    }

    /** One page per entry of {@code pages}, each line of it a line of Helvetica text (not embedded: PDF.js fetches the standard font). */
    static Path text(Path file, List<List<String>> pages) {
        try (PDDocument doc = new PDDocument()) {
            write(doc, pages);
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, encrypted with a user password: it cannot be opened without it. */
    static Path encrypted(Path file, List<List<String>> pages) {
        try (PDDocument doc = new PDDocument()) {
            write(doc, pages);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A "scan": one page holding only a picture of words, no text layer. */
    static Path scanned(Path file) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            BufferedImage picture = new BufferedImage(400, 120, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = picture.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 400, 120);
            g.setColor(Color.BLACK);
            g.drawString("A scanned letter: these words are pixels only.", 10, 60);
            g.dispose();
            PDImageXObject image = LosslessFactory.createFromImage(doc, picture);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, 72, 500);
            }
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(PDDocument doc, List<List<String>> pages) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (List<String> lines : pages) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 12);
                cs.newLineAtOffset(72, 700);
                for (String line : lines) {
                    cs.showText(line);
                    cs.newLineAtOffset(0, -16);
                }
                cs.endText();
            }
        }
    }
}
