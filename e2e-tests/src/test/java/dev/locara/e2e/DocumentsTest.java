package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Documents view: a text, a Markdown and a PDF file are imported together and listed with their page
 * counts; a scanned, an encrypted, a mislabelled and a damaged file are refused with their sentences and
 * nothing of them is stored; the viewer marks a range on the right PDF page; re-importing a name keeps
 * its id; delete asks, then removes; a reload keeps what is stored; offline, a PDF still imports (PDF.js,
 * its worker and fonts from the shell cache); text carrying the XSS corpus is shown as text and nothing
 * runs; and no request goes anywhere but the loopback server.
 */
class DocumentsTest {
    private static final List<List<String>> REPORT = List.of(
            List.of("Quarterly report", "The first page talks about the harbour."),
            List.of("The lighthouse keeper counted ninety ships in March.", "Second page, second line."),
            List.of("The third page closes the report."));

    @TempDir
    Path dir;

    @Test
    void importListViewDeleteReloadAndOffline() throws IOException {
        Path txt = write("notes.txt", "Shopping list\n\nApples and pears.\nBread.\n");
        Path md = write("guide.md", "# Guide\n\nSome *Markdown* text.\n\n## Setup\n\nRun the server.\n");
        Path pdf = TestPdfs.text(dir.resolve("report.pdf"), REPORT);
        Path scan = TestPdfs.scanned(dir.resolve("scan.pdf"));
        Path locked = TestPdfs.encrypted(dir.resolve("locked.pdf"), REPORT);
        Path fake = write("fake.pdf", "just some words, not a PDF");
        Path broken = write("broken.pdf", "%PDF-1.7\nthis is not the rest of a PDF file at all\n");
        Path unknown = write("photo.jpg", "not read");
        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.openWorkbench();
            Page page = session.page;
            List<String> everyRequest = Collections.synchronizedList(new ArrayList<>());
            page.context().onRequest(r -> everyRequest.add(r.url()));
            page.waitForFunction("() => navigator.serviceWorker.controller !== null");
            button(page, "Documents").click();
            importFiles(page, txt, md, pdf, scan, locked, fake, broken, unknown);

            assertEquals("done", state(page, "notes.txt"), session.log());
            assertEquals("done", state(page, "guide.md"), session.log());
            assertEquals("done", state(page, "report.pdf"), session.log());
            assertTrue(status(page, "scan.pdf").contains("this PDF is scanned images; it has no text to search"),
                    status(page, "scan.pdf"));
            assertTrue(status(page, "locked.pdf").contains("encrypted PDF that needs a password"), status(page, "locked.pdf"));
            assertTrue(status(page, "fake.pdf").contains("is named like a PDF (.pdf) but holds text"), status(page, "fake.pdf"));
            assertTrue(status(page, "broken.pdf").contains("could not be read; the file is damaged"), status(page, "broken.pdf"));
            assertTrue(status(page, "photo.jpg").contains("not a kind of file Locara reads"), status(page, "photo.jpg"));
            for (String refused : List.of("scan.pdf", "locked.pdf", "fake.pdf", "broken.pdf", "photo.jpg")) {
                System.out.println(refused + ": " + status(page, refused));
                assertEquals("refused", state(page, refused));
            }
            assertEquals(List.of("report.pdf", "guide.md", "notes.txt"), names(page), "newest first, nothing refused stored");
            assertTrue(facts(page, "report.pdf").matches("\\d+(\\.\\d)? KB · PDF · 3 pages · imported .+"), facts(page, "report.pdf"));
            assertTrue(facts(page, "guide.md").matches("\\d+ B · Markdown · imported .+"), facts(page, "guide.md"));
            assertTrue(facts(page, "notes.txt").matches("\\d+ B · Text · imported .+"), facts(page, "notes.txt"));
            ChatTest.shot(page, "documents-view");

            // The viewer: the PDF's text, then a range on its second page marked and named by its page.
            String reportId = idOf(page, "report.pdf");
            open(page, "report.pdf");
            Locator text = page.locator(".document-text");
            assertTrue(text.textContent().contains("The first page talks about the harbour."), text.textContent());
            assertEquals("Page 1 of 3", page.locator(".viewer-page").textContent());
            String phrase = "counted ninety ships";
            int start = ((Number) page.evaluate("(p) => [...document.querySelectorAll('.document-text > *')]"
                    + ".map(e => e.textContent).join('\\n\\n').indexOf(p)", phrase)).intValue();
            assertTrue(start > 0, "the phrase is in the viewer's text");
            page.evaluate("([id, s, e]) => locaraDocumentViewer.show(id, s, e)", List.of(reportId, start, start + phrase.length()));
            assertEquals(phrase, page.locator("mark.cited").textContent());
            assertEquals("2", page.locator("mark.cited").locator("xpath=..").getAttribute("data-page"));
            assertEquals("Page 2 of 3", page.locator(".viewer-page").textContent());
            ChatTest.shot(page, "document-viewer");

            // Re-importing a name replaces the document and keeps its id.
            Path md2 = write("guide.md", "# Guide\n\nThe second edition.\n");
            String guideId = idOf(page, "guide.md");
            importFiles(page, md2);
            assertEquals(List.of("guide.md", "report.pdf", "notes.txt"), names(page));
            assertEquals(guideId, idOf(page, "guide.md"));
            open(page, "guide.md");
            assertTrue(text.textContent().contains("The second edition."), text.textContent());

            // Delete asks first; keeping it changes nothing, confirming removes it.
            item(page, "notes.txt").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete notes.txt")).click();
            item(page, "notes.txt").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it")).click();
            assertEquals(3, names(page).size());
            item(page, "notes.txt").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete notes.txt")).click();
            item(page, "notes.txt").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete it")).click();
            page.waitForFunction("() => ![...document.querySelectorAll('.document-name')].some(e => e.textContent === 'notes.txt')");

            // A reload keeps what is stored; so does going offline, where a PDF still imports.
            page.reload();
            page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
            button(page, "Documents").click();
            page.waitForSelector(".document-name");
            assertEquals(List.of("guide.md", "report.pdf"), names(page), session.log());
            page.context().setOffline(true);
            page.reload();
            page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
            button(page, "Documents").click();
            page.waitForSelector(".document-name");
            assertEquals(List.of("guide.md", "report.pdf"), names(page), session.log());
            Path offline = TestPdfs.text(dir.resolve("offline.pdf"), List.of(List.of("Read with the network off.")));
            importFiles(page, offline);
            assertEquals("done", state(page, "offline.pdf"), status(page, "offline.pdf") + session.log());
            open(page, "offline.pdf");
            assertTrue(text.textContent().contains("Read with the network off."), text.textContent());
            assertEquals("Page 1 of 1", page.locator(".viewer-page").textContent());

            // At phone width and in the dark theme.
            page.setViewportSize(360, 740);
            ChatTest.shot(page, "document-viewer-phone");
            page.setViewportSize(1280, 720);
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
            open(page, "report.pdf");
            page.evaluate("([id, s, e]) => locaraDocumentViewer.show(id, s, e)", List.of(reportId, start, start + phrase.length()));
            ChatTest.shot(page, "document-viewer-dark");

            synchronized (everyRequest) {
                List<String> elsewhere = everyRequest.stream()
                        .filter(u -> !u.startsWith(browser.url()) && !u.startsWith("data:") && !u.startsWith("blob:")).toList();
                assertEquals(List.of(), elsewhere, "requests that left the loopback server");
                assertTrue(everyRequest.stream().anyMatch(u -> u.contains("/vendor/pdfjs/pdf.worker.min.mjs")), everyRequest.toString());
            }
        }
    }

    /** Payloads as a .txt and inside an .html page: shown as text, nothing runs, loads or opens a dialog. */
    @Test
    void hostileTextIsShownInert() throws IOException {
        String corpus = MarkdownXssTest.resource("/xss/xss-payloads.json");
        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.openWorkbench();
            Page page = session.page;
            List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
            page.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            });
            @SuppressWarnings("unchecked")
            List<String> payloads = (List<String>) page.evaluate("(c) => JSON.parse(c).payloads.map(p => p.text)", corpus);
            assertTrue(payloads.size() >= 100, payloads.size() + " payloads");
            Path txt = write("payloads.txt", String.join("\n\n", payloads));
            Path html = write("payloads.html", "<html><body><h1>Payloads</h1><p>" + String.join("</p><p>", payloads)
                    + "</p></body></html>");
            button(page, "Documents").click();
            importFiles(page, txt, html);
            assertEquals("done", state(page, "payloads.txt"), status(page, "payloads.txt"));
            assertEquals("done", state(page, "payloads.html"), status(page, "payloads.html"));
            open(page, "payloads.txt");
            String shown = page.locator(".document-text").textContent();
            assertTrue(shown.contains("<script>alert(123)</script>") || shown.contains("<script>"), "payloads shown as text");
            assertViewerHoldsTextOnly(page);
            open(page, "payloads.html");
            assertViewerHoldsTextOnly(page);
            page.waitForTimeout(1500); // late payloads (an image's error event) get their chance to act
            assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)"), session.log());
            assertEquals(List.of(), dialogs, "a payload opened a dialog");
            List<String> elsewhere = session.requests.stream()
                    .filter(u -> !u.startsWith(browser.url()) && !u.startsWith("data:") && !u.startsWith("blob:")).toList();
            assertEquals(List.of(), elsewhere, "a payload made the page request another host");
            ChatTest.shot(page, "document-viewer-xss");
        }
    }

    /** Only the viewer's own elements (a p or heading per block, the mark): no element came from a document. */
    private static void assertViewerHoldsTextOnly(Page page) {
        Object foreign = page.evaluate("() => [...document.querySelectorAll('.document-text *')]"
                + ".filter(e => !/^(P|H[3-6]|MARK)$/.test(e.tagName) || e.children.length > 0 && e.tagName !== 'P')"
                + ".map(e => e.outerHTML.slice(0, 80))");
        assertEquals(List.of(), foreign);
        Object nested = page.evaluate("() => [...document.querySelectorAll('.document-text > p *, .document-text > h3 *,"
                + " .document-text > h4 *, .document-text > h5 *, .document-text > h6 *')].filter(e => e.tagName !== 'MARK').length");
        assertEquals(0, ((Number) nested).intValue());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Chooses the files in the picker and waits until each one's line says done or refused. */
    private static void importFiles(Page page, Path... files) {
        int before = page.locator(".import").count();
        page.setInputFiles("input[type=file][aria-label='Document files']", files);
        page.waitForFunction("(n) => { const lines = [...document.querySelectorAll('.import')];"
                + " return lines.length === n && lines.every(l => l.dataset.state); }", before + files.length);
    }

    private static Locator line(Page page, String name) {
        return page.locator(".import").filter(new Locator.FilterOptions().setHas(page.locator(".import-name",
                new Page.LocatorOptions().setHasText(name)))).last();
    }

    private static String state(Page page, String name) {
        return line(page, name).getAttribute("data-state");
    }

    private static String status(Page page, String name) {
        return line(page, name).locator(".import-status").textContent();
    }

    private static Locator item(Page page, String name) {
        return page.locator(".document").filter(new Locator.FilterOptions().setHas(page.locator(".document-name",
                new Page.LocatorOptions().setHasText(name))));
    }

    private static String idOf(Page page, String name) {
        return item(page, name).getAttribute("data-id");
    }

    private static String facts(Page page, String name) {
        return item(page, name).locator(".document-facts").textContent();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('.document-name')].map(e => e.textContent)");
    }

    private static void open(Page page, String name) {
        item(page, name).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open " + name)).click();
        page.locator(".viewer-title").filter(new Locator.FilterOptions().setHasText(name)).waitFor();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
