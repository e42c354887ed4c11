package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Locara installs like an app: Chromium's own installability check (DevTools' Page.getInstallabilityErrors,
 * in a persistent profile) finds nothing missing, and the manifest's fields and icons are what it promises.
 */
class InstallableTest {

    @Test
    void chromiumFindsNothingMissingForInstalling() throws Exception {
        try (Browser browser = new Browser(false)) {
            Path profile = Files.createTempDirectory(Path.of("target"), "profile-");
            BrowserContext context = browser.persistentContext(profile);
            try {
                Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
                Browser.Session session = new Browser.Session(page);
                page.navigate(browser.url());
                // The check wants an active worker with a fetch handler: ready resolves once it is active.
                assertEquals(browser.url(), session.call("async () => (await navigator.serviceWorker.ready).scope"),
                        session.log());
                CDPSession cdp = context.newCDPSession(page);
                JsonObject installability = cdp.send("Page.getInstallabilityErrors");
                System.out.println("Page.getInstallabilityErrors: " + installability);
                assertEquals(new JsonArray(), installability.getAsJsonArray("installabilityErrors"), session.log());
                JsonObject manifest = cdp.send("Page.getAppManifest");
                System.out.println("Page.getAppManifest errors: " + manifest.get("errors") + ", url " + manifest.get("url"));
                assertEquals(browser.url() + "manifest.webmanifest", manifest.get("url").getAsString());
                assertEquals(new JsonArray(), manifest.getAsJsonArray("errors"), "the manifest parses cleanly");
            } finally {
                context.close();
            }
        }
    }

    @Test
    void manifestDescribesTheAppAndItsIconsHaveTheirStatedSizes() {
        try (Browser browser = new Browser(false)) {
            Page page = browser.open().page;
            page.navigate(browser.url());
            APIResponse response = page.request().get(browser.url() + "manifest.webmanifest");
            assertEquals(200, response.status());
            assertEquals("application/manifest+json", response.headers().get("content-type"));
            JsonObject manifest = JsonParser.parseString(response.text()).getAsJsonObject();
            System.out.println("manifest.webmanifest: " + manifest);
            assertEquals("Locara", manifest.get("short_name").getAsString());
            assertTrue(manifest.get("name").getAsString().startsWith("Locara"), manifest.toString());
            assertEquals("standalone", manifest.get("display").getAsString());
            assertEquals("./", manifest.get("start_url").getAsString());
            assertEquals("./", manifest.get("scope").getAsString());
            assertEquals("./", manifest.get("id").getAsString());

            // Its colours are the page's own (light), and the page's theme-color follows the scheme.
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
            assertEquals(rgb(manifest.get("background_color").getAsString()), background(page));
            assertEquals(rgb(manifest.get("theme_color").getAsString()), rgb(themeColor(page, "light")));
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
            assertEquals(rgb(themeColor(page, "dark")), background(page), "the dark theme-color is the dark background");

            Set<String> seen = new HashSet<>();
            for (JsonElement e : manifest.getAsJsonArray("icons")) {
                JsonObject icon = e.getAsJsonObject();
                String purpose = icon.has("purpose") ? icon.get("purpose").getAsString() : "any";
                APIResponse file = page.request().get(browser.url() + icon.get("src").getAsString());
                assertEquals(200, file.status(), icon.toString());
                assertEquals(icon.get("type").getAsString(), file.headers().get("content-type"), icon.toString());
                if (!icon.get("type").getAsString().equals("image/png")) {
                    continue;
                }
                byte[] png = file.body();
                String sizes = pngWidth(png) + "x" + pngHeight(png);
                System.out.println("icon " + icon.get("src").getAsString() + ": " + sizes + " PNG, " + png.length
                        + " bytes, purpose " + purpose);
                assertEquals(icon.get("sizes").getAsString(), sizes, "the PNG header's size: " + icon);
                seen.add(sizes + " " + purpose);
            }
            assertTrue(seen.contains("192x192 any") && seen.contains("512x512 any") && seen.contains("512x512 maskable"),
                    "192 and 512 px icons and a maskable one: " + seen);
            page.context().close();
        }
    }

    private static String themeColor(Page page, String scheme) {
        return (String) page.evaluate("s => document.querySelector('meta[name=theme-color][media*=' + s + ']').content", scheme);
    }

    private static String background(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
    }

    /** "#17191c" as the browser writes a computed colour, "rgb(23, 25, 28)". */
    private static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (v >> 16) + ", " + ((v >> 8) & 0xff) + ", " + (v & 0xff) + ")";
    }

    // A PNG starts with its 8-byte signature and the IHDR chunk: length, "IHDR", width, height (big-endian).
    private static int pngWidth(byte[] png) {
        assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1), "a PNG file");
        assertEquals("IHDR", new String(png, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        return ByteBuffer.wrap(png, 16, 4).getInt();
    }

    private static int pngHeight(byte[] png) {
        return ByteBuffer.wrap(png, 20, 4).getInt();
    }
}
