package dev.locara.cache;

import dev.locara.cache.ModelStore.Check;
import dev.locara.cache.ModelStore.CheckState;
import dev.locara.cache.ModelStore.Steps;
import dev.locara.js.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The start-up check of what the store holds. The browser may evict storage, and other code of the
 * origin may write to it: each marker (a manifest model's ".verified", a user model's ".unpinned")
 * is held against its file. A file that is gone or has another size than the one recorded is lost;
 * any other is hashed again, whole, and kept only when it still matches the SHA-256 recorded when
 * it was stored (the file's modification time cannot replace the hash: see {@link StoredRecord}).
 * What fails loses its marker and bytes, so it is no longer stored and the app offers to download it
 * again. Partial downloads are reported, so the page can offer to resume them.
 */
final class StoreCheck {
    private static final int CHUNK = 4 << 20;

    private final ModelStore store;
    /** Models hashed whole earlier in the caller's session and not stored anew since: not hashed again. */
    private final Set<String> hashedBefore;
    /** Stored models hashed so far, and how many markers there are: the steps the page is told. */
    private int step;
    private int markers;

    StoreCheck(ModelStore store, Set<String> hashedBefore) {
        this.store = store;
        this.hashedBefore = Set.copyOf(hashedBefore);
    }

    List<Check> run(Steps steps) {
        JSObject files = Async.await(Opfs.files(store.dir));
        List<Check> out = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            markers += find(files, ModelStore.markerOf(m)) >= 0 ? 1 : 0;
        }
        for (int i = 0; i < Opfs.length(files); i++) {
            markers += UserModels.idOfMarker(Opfs.entryString(files, i, "name")) != null ? 1 : 0;
        }
        for (ModelRef m : ModelCatalog.all()) {
            int marker = find(files, ModelStore.markerOf(m));
            int bytes = find(files, m.file());
            if (marker < 0) {
                long have = bytes < 0 ? 0 : size(files, bytes);
                if (have > 0 && have < m.bytes()) {
                    out.add(new Check(m.id(), m.file(), true, CheckState.PARTIAL, have, m.bytes(), 0,
                            "Partly downloaded: " + have + " of " + m.bytes() + " bytes; the next download resumes there."));
                }
                continue;
            }
            out.add(check(m.id(), m.file(), ModelStore.markerOf(m), true, m.sha256(), m.bytes(), files, bytes, steps));
        }
        for (int i = 0; i < Opfs.length(files); i++) {
            String name = Opfs.entryString(files, i, "name");
            String id = UserModels.idOfMarker(name);
            if (id != null) {
                StoredRecord r = StoredRecord.parse(store.readText(name));
                out.add(check(id, UserModels.file(id), name, false, r == null ? null : r.sha256(),
                        r == null ? -1 : r.sizeBytes(), files, find(files, UserModels.file(id)), steps));
            }
        }
        return out;
    }

    /** One stored model: its marker {@code marker} says it is whole with hash {@code sha256} and size {@code expected}. */
    private Check check(String id, String file, String marker, boolean pinned, String sha256, long expected,
                        JSObject files, int bytes, Steps steps) {
        if (bytes < 0) {
            remove(marker, null);
            return new Check(id, file, pinned, CheckState.LOST, 0, expected, 0, "Its file is gone from browser"
                    + " storage (the browser may have evicted it to free space).");
        }
        long size = size(files, bytes);
        if (sha256 == null) {
            remove(marker, file);
            return new Check(id, file, pinned, CheckState.DAMAGED, size, expected, 0, "Its record of the hash"
                    + " it was stored with is unreadable, so its bytes cannot be checked; they were removed.");
        }
        if (expected >= 0 && size != expected) {
            remove(marker, file);
            return new Check(id, file, pinned, CheckState.LOST, size, expected, 0, "Its file has " + size
                    + " bytes where " + expected + " were stored; the rest was removed.");
        }
        if (hashedBefore.contains(id) && expected >= 0) {
            return new Check(id, file, pinned, CheckState.OK, size, expected, 0, "Whole: its size is the one recorded,"
                    + " and its SHA-256 matched earlier in this session.");
        }
        steps.report(++step, markers, "Checking " + id + ": hashing its " + size + " bytes…");
        double start = now();
        String actual = hash(file, size);
        double ms = now() - start;
        if (!actual.equals(sha256)) {
            remove(marker, file);
            return new Check(id, file, pinned, CheckState.DAMAGED, size, expected, ms, "Its bytes hash to " + actual
                    + ", not the " + sha256 + " it was stored with: damaged, so they were removed.");
        }
        if (expected < 0) {
            store.writeText(marker, store.recordOf(file, sha256).text()); // a marker from before sizes were recorded
        }
        return new Check(id, file, pinned, CheckState.OK, size, expected, ms, "Whole: its SHA-256 matches the record.");
    }

    private String hash(String file, long size) {
        JSObject f = Async.await(Opfs.file(Async.await(Opfs.existing(store.dir, file))));
        Sha256Feed sha = new Sha256Feed();
        JSPromise<ArrayBuffer> next = Opfs.sliceBytes(f, 0, Math.min(size, CHUNK));
        for (long at = 0; at < size; ) {
            long end = Math.min(size, at + CHUNK);
            Int8Array chunk = new Int8Array(Async.await(next));
            next = end < size ? Opfs.sliceBytes(f, end, Math.min(size, end + CHUNK)) : null;
            sha.update(chunk);
            at = end;
        }
        return sha.hexDigest();
    }

    /** Removes a marker, and then the bytes it vouched for ({@code file}, or null to keep them). */
    private void remove(String marker, String file) {
        Async.await(Opfs.remove(store.dir, marker));
        if (file != null) {
            Async.await(Opfs.remove(store.dir, file));
        }
    }

    @org.teavm.jso.JSBody(script = "return performance.now();")
    private static native double now();

    private static int find(JSObject files, String name) {
        for (int i = 0; i < Opfs.length(files); i++) {
            if (Opfs.entryString(files, i, "name").equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static long size(JSObject files, int i) {
        return (long) Opfs.entryNumber(files, i, "size");
    }
}
