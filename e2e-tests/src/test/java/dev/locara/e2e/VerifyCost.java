package dev.locara.e2e;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Measures the start-up check's cost for a big stored model (not a test: it asserts nothing about
 * time; the figures go in BENCHMARKS.md). Writes a file of {@code MIB} MiB into OPFS as a user model
 * with its true SHA-256, then runs locara.models.verify twice on the same page, and a chat completion
 * started while the first check hashes, to see whether it waits for the check. With "disk", the
 * profile is a folder on disk (its OPFS moves file times on writes) and the page is reloaded before
 * the second check, as a new start would.
 * Run: java -cp "e2e-tests/target/test-classes:e2e-tests/target/classes:$(cat cp.txt)" dev.locara.e2e.VerifyCost 1024 [disk]
 */
public final class VerifyCost {
    private static final int CHUNK = 4 << 20;

    private VerifyCost() {
    }

    private static byte[] chunk() {
        byte[] b = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int chunks = mib / 4;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] c = chunk();
        for (int i = 0; i < chunks; i++) {
            sha.update(c);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        long bytes = (long) chunks * CHUNK;
        boolean disk = args.length > 1 && args[1].equals("disk");
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("locara-verify-cost");
        try (Browser browser = new Browser(true)) {
            Browser.Session s;
            if (disk) {
                com.microsoft.playwright.BrowserContext context = browser.persistentContext(profile);
                s = new Browser.Session(context.pages().isEmpty() ? context.newPage() : context.pages().get(0));
                s.page.setDefaultTimeout(600_000);
                s.page.navigate(browser.url());
                s.page.waitForSelector("#status[data-state=ready]");
            } else {
                s = browser.openWorkbench();
            }
            double writeMs = ((Number) s.call("async () => { const t0 = performance.now();"
                    + " const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('models', {create: true});"
                    + " const h = await dir.getFileHandle('user-big.gguf', {create: true}); const w = await h.createWritable();"
                    + " const c = new Uint8Array(" + CHUNK + "); for (let i = 0; i < c.length; i++) c[i] = (i * 31 + 7) & 255;"
                    + " for (let i = 0; i < " + chunks + "; i++) await w.write(c); await w.close();"
                    + " const m = await (await dir.getFileHandle('user-big.gguf.unpinned', {create: true})).createWritable();"
                    + " await m.write('" + hex + " " + bytes + "'); await m.close(); return performance.now() - t0; }", 600))
                    .doubleValue();
            Map<String, Object> r = new java.util.HashMap<>((Map<String, Object>) s.call("async () => { const t0 = performance.now();"
                    + " const check = locara.models.verify().then(v => ({v, at: performance.now() - t0}));"
                    + " const chat = locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                    + "  max_tokens: 8, temperature: 0}).then(() => performance.now() - t0);"
                    + " const [first, chatMs] = await Promise.all([check, chat]);"
                    + " return {first: first.v.data, firstMs: first.at, chatMs}; }", 600));
            if (disk) {
                s.page.reload();
                s.page.waitForSelector("#status[data-state=ready]");
            }
            Map<String, Object> again = (Map<String, Object>) s.call("async () => { const t1 = performance.now();"
                    + " const second = await locara.models.verify(); return {second: second.data,"
                    + "  secondMs: performance.now() - t1}; }", 600);
            r.putAll(again);
            // The same completion on a fresh page (its own engine worker) with no check running: the baseline.
            Browser.Session quiet = browser.openWorkbench();
            r.put("aloneMs", quiet.call("async () => { const t0 = performance.now(); await locara.completions.create("
                    + "{model: 'stories260k', prompt: 'Once upon a time', max_tokens: 8, temperature: 0});"
                    + " return performance.now() - t0; }"));
            System.out.println("file: " + bytes + " bytes, written into OPFS in " + Math.round(writeMs) + " ms");
            System.out.println("first verify (hashes it): " + r.get("first") + " answered after "
                    + Math.round(((Number) r.get("firstMs")).doubleValue()) + " ms");
            System.out.println("chat completion started with it: done after "
                    + Math.round(((Number) r.get("chatMs")).doubleValue()) + " ms");
            System.out.println("the same completion alone, on a fresh page: "
                    + Math.round(((Number) r.get("aloneMs")).doubleValue()) + " ms");
            System.out.println((disk ? "second verify, after a reload: " : "second verify, same page: ") + r.get("second") + " in "
                    + Math.round(((Number) r.get("secondMs")).doubleValue()) + " ms");
        }
    }
}
