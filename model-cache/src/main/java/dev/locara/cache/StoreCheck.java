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
 * it was stored. Hashing costs about 14 to 27 s per GiB here (BENCHMARKS.md, "The start-up check"),
 * so a file is hashed once per identity: where this storage moves a file's modification time on
 * every write (probed first, on a file of its own), a file whose size and time are those recorded
 * when its hash last matched is not hashed again; where it does not (Chromium's in-memory OPFS), every
 * file is hashed, except those the caller saw hashed whole earlier on the same page. What fails loses
 * its marker and bytes, so it is no longer stored and the app offers to download it again. Partial
 * downloads are reported, so the page can offer to resume them.
 */
final class StoreCheck {
    private static final int CHUNK = 4 << 20;
    private static final String PROBE = "locara-time-probe";
    /** Waits between the probe's writes, in ms: a storage with coarse times gets a few chances. */
    private static final int[] PROBE_WAITS = {20, 100, 400};

    private final ModelStore store;
    /** Models hashed whole earlier in the caller's session and not stored anew since: not hashed again. */
    private final Set<String> hashedBefore;
    /** Stored models hashed so far, and how many markers there are: the steps the page is told. */
    private int step;
    private int markers;
    /** Whether this storage moves a file's modification time when it is written (see the class comment). */
    private boolean timesTrack;

    StoreCheck(ModelStore store, Set<String> hashedBefore) {
        this.store = store;
        this.hashedBefore = Set.copyOf(hashedBefore);
    }

    List<Check> run(Steps steps) {
        timesTrack = probeTimes();
        JSObject files = Async.await(Opfs.files(store.dir));
        List<Check> out = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            markers += find(files, ModelStore.markerOf(m)) >= 0 ? 1 : 0;
        }
        for (int i = 0; i < Opfs.length(files); i++) {
            markers += UserModels.idOfMarker(Opfs.entryString(files, i, "name")) != null ? 1 : 0;
        }
        for (ModelRef m : ModelCatalog.all()) {
            int bytes = find(files, m.file());
            if (find(files, ModelStore.markerOf(m)) < 0) {
                long have = bytes < 0 ? 0 : size(files, bytes);
                if (have > 0 && have < m.bytes()) {
                    out.add(new Check(m.id(), m.file(), true, CheckState.PARTIAL, have, m.bytes(), 0,
                            "Partly downloaded: " + have + " of " + m.bytes() + " bytes; the next download resumes there."));
                }
                continue;
            }
            String marker = ModelStore.markerOf(m);
            out.add(check(m.id(), m.file(), marker, true, m.sha256(), m.bytes(), StoredRecord.parse(store.readText(marker)),
                    files, bytes, steps));
        }
        for (int i = 0; i < Opfs.length(files); i++) {
            String name = Opfs.entryString(files, i, "name");
            String id = UserModels.idOfMarker(name);
            if (id != null) {
                StoredRecord r = StoredRecord.parse(store.readText(name));
                out.add(check(id, UserModels.file(id), name, false, r == null ? null : r.sha256(),
                        r == null ? -1 : r.sizeBytes(), r, files, find(files, UserModels.file(id)), steps));
            }
        }
        return out;
    }

    /**
     * One stored model: its marker {@code marker} says it is whole with hash {@code sha256} and size
     * {@code expected}; {@code recorded} is what the marker holds (null when unreadable).
     */
    private Check check(String id, String file, String marker, boolean pinned, String sha256, long expected,
                        StoredRecord recorded, JSObject files, int bytes, Steps steps) {
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
        long modified = (long) Opfs.entryNumber(files, bytes, "lastModified");
        if (expected >= 0 && timesTrack && recorded != null && recorded.modifiedMs() == modified) {
            return new Check(id, file, pinned, CheckState.OK, size, expected, 0, "Whole: unchanged since its SHA-256"
                    + " last matched (the same size and modification time, which this storage moves on every write).");
        }
        if (expected >= 0 && !timesTrack && hashedBefore.contains(id)) {
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
        if (expected < 0 || (timesTrack && (recorded == null || recorded.modifiedMs() != modified))) {
            // A marker from before sizes or times were recorded, or bytes rewritten to the same hash: record them now.
            store.writeText(marker, store.recordOf(file, sha256).text());
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

    /**
     * Whether a write moves a file's modification time here: a small file of its own is written, then
     * written again after a short wait, up to a few times. Storage that keeps the time (Chromium's
     * in-memory OPFS) answers false, and every file is hashed.
     */
    private boolean probeTimes() {
        try {
            JSObject handle = Async.await(Opfs.create(store.dir, PROBE));
            double first = writeProbe(handle);
            for (int wait : PROBE_WAITS) {
                Async.await(Opfs.sleep(wait));
                if (writeProbe(handle) != first) {
                    return true;
                }
            }
            return false;
        } finally {
            Async.await(Opfs.remove(store.dir, PROBE));
        }
    }

    /** Writes one byte into the probe file; returns its modification time after. */
    private static double writeProbe(JSObject handle) {
        JSObject h = Async.await(Opfs.syncHandle(handle));
        try {
            String error = Opfs.write(h, new Int8Array(1), 0);
            if (error != null) {
                throw new StorageException("storage_error", "Browser storage refused a one-byte write: " + error);
            }
        } finally {
            Opfs.close(h);
        }
        return Opfs.lastModified(Async.await(Opfs.file(handle)));
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
