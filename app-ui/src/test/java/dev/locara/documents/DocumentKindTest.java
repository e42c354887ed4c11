package dev.locara.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentKindTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theExtensionNamesTheKindAndTheBytesAgree() throws ImportRefused {
        assertEquals(DocumentKind.TEXT, DocumentKind.of("a.txt", 5, bytes("hello")));
        assertEquals(DocumentKind.MARKDOWN, DocumentKind.of("Read Me.MD", 5, bytes("# Hi")));
        assertEquals(DocumentKind.MARKDOWN, DocumentKind.of("x.markdown", 5, bytes("text")));
        assertEquals(DocumentKind.HTML, DocumentKind.of("page.htm", 5, bytes("<p>x</p>")));
        assertEquals(DocumentKind.PDF, DocumentKind.of("paper.pdf", 9, bytes("%PDF-1.7\n")));
        assertEquals(DocumentKind.TEXT, DocumentKind.of("empty.txt", 0, new byte[0]));
        assertEquals(".txt,.md,.markdown,.html,.htm,.pdf", DocumentKind.pickerAccept());
    }

    @Test
    void unknownMislabelledAndOversizedFilesAreRefusedWithTheirSentence() {
        assertRefused("is not a kind of file Locara reads. It reads .txt, .md, .html and .pdf files.",
                "photo.jpg", 10, bytes("\u00ff\u00d8"));
        assertRefused("is not a kind of file Locara reads", ".txt", 3, bytes("abc")); // a bare extension is no name
        assertRefused("is named like a PDF (.pdf) but holds text.", "notes.pdf", 5, bytes("hello"));
        assertRefused("is named like a PDF (.pdf) but holds other binary data.", "x.pdf", 3, new byte[] {1, 0, 2});
        assertRefused("is named like a text (.txt) but holds a PDF.", "x.txt", 9, bytes("%PDF-1.4\n"));
        assertRefused("is named like a Markdown (.md) but holds binary data (not text).", "x.md", 3, new byte[] {65, 0, 66});
        assertRefused("is 50.1 MB; the limit is 50 MB per document. Split it into smaller files.", "big.pdf",
                50.1 * 1024 * 1024, bytes("%PDF-1.7"));
        assertRefused("is 50.1 MB", "big.txt", 50.1 * 1024 * 1024, bytes("text"));
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws ImportRefused {
        assertEquals(DocumentKind.TEXT, DocumentKind.of("a.txt", DocumentKind.MAX_BYTES, bytes("a")));
    }

    @Test
    void theSentencesSayWhatToDo() {
        assertTrue(ImportErrors.scanned("s.pdf").contains("this PDF is scanned images; it has no text to search"));
        assertTrue(ImportErrors.scanned("s.pdf").contains("OCR"));
        assertTrue(ImportErrors.encrypted("e.pdf").contains("Save a copy without the password"));
        assertTrue(ImportErrors.corrupt("c.pdf", "Invalid PDF structure.").contains("(Invalid PDF structure.)"));
        assertEquals("2 MB", ImportErrors.megabytes(2 * 1024 * 1024));
        assertEquals("0.5 MB", ImportErrors.megabytes(512 * 1024));
    }

    @Test
    void mediaTypesRoundTrip() {
        for (DocumentKind k : DocumentKind.values()) {
            assertEquals(k, DocumentKind.byMediaType(k.mediaType()));
        }
        assertThrows(IllegalArgumentException.class, () -> DocumentKind.byMediaType("image/png"));
    }

    private static void assertRefused(String expected, String name, double size, byte[] head) {
        ImportRefused e = assertThrows(ImportRefused.class, () -> DocumentKind.of(name, size, head));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("“" + name + "”"), e.getMessage());
    }
}
