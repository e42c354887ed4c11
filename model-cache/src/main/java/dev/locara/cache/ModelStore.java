package dev.locara.cache;

import dev.locara.js.Async;
import dev.locara.js.JsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSObject;

/**
 * Models stored in the Origin Private File System (worker only: writes use the synchronous access
 * handle). A model's bytes live in "models/FILE"; "models/FILE.verified" is written only after the
 * whole file hashed to the pinned SHA-256, so a partial or corrupt download never looks complete,
 * and a partial one is resumed from its stored length with an HTTP Range request. This class is the
 * index of what is stored (listing, lookup, deletion, the space check); {@link ModelDownload} and
 * {@link ModelImport} do the transfers.
 */
public final class ModelStore {
    private static final String MARKER = ".verified";

    /** Told about a download as bytes arrive. */
    public interface Progress {
        void report(long loaded, long total, double bytesPerSecond, double secondsLeft);
    }

    /**
     * A complete model in storage; {@code lastUsed} is when it was last stored or loaded (epoch ms).
     * {@code pinned}: verified against the manifest's hash; otherwise a user model whose
     * {@code sha256} was computed when it was stored (nothing to check it against).
     */
    public record Stored(String id, String file, long bytes, double lastUsed, boolean pinned, String sha256) {
        public Stored(String id, String file, long bytes, double lastUsed) {
            this(id, file, bytes, lastUsed, true, null);
        }
    }

    /** What an import stored: a manifest model (pinned, verified) or a user model (unpinned). */
    public record Imported(String id, String file, long bytes, String sha256, boolean pinned) {
    }

    final JSObject dir;

    private ModelStore(JSObject dir) {
        this.dir = dir;
    }

    public static ModelStore open() {
        if (!Opfs.isSupported()) {
            throw new StorageException("storage_unavailable", "This browser has no Origin Private File System, so models"
                    + " cannot be stored; they load from the server each time. Chrome 113+ and Safari 26+ have it.");
        }
        return new ModelStore(Async.await(Opfs.modelsDir()));
    }

    /** Whether {@code model} is stored and verified. */
    public boolean isStored(ModelRef model) {
        return Async.await(Opfs.existing(dir, model.file() + MARKER)) != null;
    }

    /**
     * Downloads {@code model} from its sources in the manifest's order (the page's own server first,
     * then the public URL), moving on when a source does not have it or cannot be reached.
     */
    public void download(ModelRef model, Progress progress, BooleanSupplier cancelled) {
        StringBuilder tried = new StringBuilder();
        for (String url : model.sources()) {
            try {
                download(model, url, progress, cancelled);
                return;
            } catch (ModelUnavailableException | JsException e) {
                tried.append(tried.length() == 0 ? "" : "; ").append(url).append(": ").append(e.getMessage());
            }
        }
        throw new ModelUnavailableException("No source could provide '" + model.id() + "' (" + tried + "). What was"
                + " stored so far is kept: download again to resume. A public host must be reachable and allowed"
                + " (the server's --allow-host).");
    }

    /**
     * Downloads {@code model} from {@code url} into storage, resuming what a previous attempt left,
     * hashing as bytes arrive. Returns normally only when the stored file is verified.
     */
    public void download(ModelRef model, String url, Progress progress, BooleanSupplier cancelled) {
        new ModelDownload(this).run(model, url, progress, cancelled);
    }

    /**
     * Records a use, for least-recently-used ordering (the marker's modification time). The marker's
     * record is written back as it was: a use must never vouch for bytes that changed since they were verified.
     */
    public void touch(ModelRef model) {
        renew(model.file() + MARKER);
    }

    /**
     * Checks every stored model against what was recorded when it was stored (see {@link StoreCheck}):
     * missing, resized or no longer matching files are removed and reported, so that nothing counts as
     * stored that is not whole.
     */
    public List<Check> verify(Steps steps) {
        return verify(steps, java.util.Set.of());
    }

    /**
     * The same, hashing again only the models not in {@code hashedBefore}: those the caller saw hashed
     * whole earlier and has not stored anew since (their presence and size are still checked).
     */
    public List<Check> verify(Steps steps, java.util.Set<String> hashedBefore) {
        return new StoreCheck(this, hashedBefore).run(steps);
    }

    /** Told before a stored file is hashed again: step of steps, and what is being checked. */
    public interface Steps {
        void report(int step, int steps, String text);
    }

    /** One stored model as the start-up check found it. */
    public enum CheckState {
        /** Whole: its size and SHA-256 those recorded when it was stored. */
        OK,
        /** Its bytes no longer hash to the recorded SHA-256 (or cannot be checked): removed. */
        DAMAGED,
        /** Its marker says stored but the file is gone or has another size: removed. */
        LOST,
        /** A manifest model's download that stopped before the end: kept, and resumed by the next download. */
        PARTIAL
    }

    /**
     * @param bytes         the bytes found (0 when the file is gone)
     * @param expectedBytes the pinned or recorded size, -1 when unknown
     * @param hashMs        how long hashing its bytes took (0 when it was not hashed)
     */
    public record Check(String id, String file, boolean pinned, CheckState state, long bytes, long expectedBytes,
                        double hashMs, String message) {
    }

    /** Verified stored models of the manifest, then complete user models; partial and unknown files are not listed. */
    public List<Stored> list() {
        JSObject files = Async.await(Opfs.files(dir));
        int n = Opfs.length(files);
        List<Stored> out = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            double used = -1;
            long bytes = -1;
            for (int i = 0; i < n; i++) {
                String name = Opfs.entryString(files, i, "name");
                if (name.equals(m.file() + MARKER)) {
                    used = Opfs.entryNumber(files, i, "lastModified");
                } else if (name.equals(m.file())) {
                    bytes = (long) Opfs.entryNumber(files, i, "size");
                }
            }
            if (used >= 0 && bytes == m.bytes()) {
                out.add(new Stored(m.id(), m.file(), bytes, used, true, m.sha256()));
            }
        }
        for (int i = 0; i < n; i++) {
            String id = UserModels.idOfMarker(Opfs.entryString(files, i, "name"));
            if (id == null) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (Opfs.entryString(files, j, "name").equals(UserModels.file(id))) {
                    out.add(new Stored(id, UserModels.file(id), (long) Opfs.entryNumber(files, j, "size"),
                            Opfs.entryNumber(files, i, "lastModified"), false, userHash(id)));
                }
            }
        }
        return out;
    }

    /** The stored user model {@code id}, or null when there is none. */
    public Stored user(String id) {
        for (Stored s : list()) {
            if (!s.pinned() && s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private String userHash(String id) {
        StoredRecord r = StoredRecord.parse(readText(UserModels.file(id) + UserModels.MARKER));
        return r == null ? null : r.sha256();
    }

    /** The stored user model {@code id} as a byte source (its use recorded), or null when there is none. */
    public OpfsSource userSource(String id) {
        String hash = userHash(id);
        JSObject handle = hash == null ? null : Async.await(Opfs.existing(dir, UserModels.file(id)));
        if (handle == null) {
            return null;
        }
        renew(UserModels.file(id) + UserModels.MARKER);
        return new OpfsSource(Async.await(Opfs.file(handle)));
    }

    /** Deletes user model {@code id}; the marker goes first so it never outlives the bytes. */
    public void deleteUser(String id) {
        Async.await(Opfs.remove(dir, UserModels.file(id) + UserModels.MARKER));
        Async.await(Opfs.remove(dir, UserModels.file(id)));
    }

    /**
     * Copies a file the user chose (a File or Blob) into storage in bounded chunks, hashing as it
     * goes. Bytes that match a manifest entry's size and hash are stored as that model, verified;
     * others become the unpinned user model {@code UserModels.idFor(fileName)} once their GGUF header
     * reads. Anything refused leaves nothing stored.
     */
    public Imported importFile(JSObject blob, String fileName, Progress progress, BooleanSupplier cancelled) {
        return new ModelImport(this).file(blob, fileName, progress, cancelled);
    }

    /**
     * Downloads the file at {@code url} (a model added by URL) into storage with its SHA-256 computed
     * as bytes arrive, then stores it as {@link #importFile} does: as the pinned model it turns out to
     * be, or as an unpinned user model named after {@code name}. A failed or cancelled transfer leaves
     * nothing stored.
     */
    public Imported importUrl(String url, String name, Progress progress, BooleanSupplier cancelled) {
        return new ModelImport(this).url(url, name, progress, cancelled);
    }

    /** Deletes a model's bytes (complete or partial); the marker goes first so it never outlives them. */
    public void delete(ModelRef model) {
        Async.await(Opfs.remove(dir, model.file() + MARKER));
        Async.await(Opfs.remove(dir, model.file()));
    }

    /** The stored, verified copy of {@code model} as a byte source, or null when there is none. */
    public OpfsSource source(ModelRef model) {
        if (!isStored(model)) {
            return null;
        }
        JSObject handle = Async.await(Opfs.existing(dir, model.file()));
        if (handle == null) {
            return null;
        }
        return new OpfsSource(Async.await(Opfs.file(handle)));
    }

    // ---- for the transfers (ModelDownload, ModelImport) --------------------------------------

    /** Refuses, naming the least recently used models that could be deleted, when {@code needed} bytes do not fit. */
    void checkSpace(String modelId, long needed) {
        StorageException full = noRoom(modelId, needed, "");
        if (full != null) {
            throw full;
        }
    }

    /**
     * A write that failed part way (the browser's quota ran out under it, e.g. another tab stored data
     * meanwhile): the same sentence with the numbers as they are now, after {@code lead}, which says
     * where it stopped. Null when the estimate shows room after all (the failure was something else).
     */
    StorageException ranOutOfRoom(String modelId, long stillNeeded, String lead) {
        StorageException full = noRoom(modelId, stillNeeded, lead);
        if (full != null) {
            return full;
        }
        // The estimate lags behind the refusal (Chromium's does when the quota just shrank): its figures still help.
        JSObject e = Async.await(Opfs.estimate());
        double quota = Opfs.number(e, "quota");
        double free = Math.max(0, quota - Opfs.number(e, "usage"));
        return new StorageException("storage_full", lead + "'" + modelId + "' needs " + mb(stillNeeded) + " MB more"
                + " storage; the browser reports " + mb((long) free) + " MB free for this site (" + mb((long) quota)
                + " MB in all) but refused the write. Free at least " + mb(stillNeeded) + " MB: delete stored models"
                + " (locara.models.delete(id)) or free disk space, then download again to resume.");
    }

    private StorageException noRoom(String modelId, long needed, String lead) {
        JSObject e = Async.await(Opfs.estimate());
        double quota = Opfs.number(e, "quota");
        double free = quota - Opfs.number(e, "usage");
        if (!(quota > 0 && free < needed)) {
            return null;
        }
        List<Stored> offer = Eviction.suggest(list(), needed, (long) Math.max(0, free), modelId);
        long afterwards = (long) Math.max(0, free) + Eviction.bytes(offer);
        return new StorageException("storage_full", lead + "'" + modelId + "' needs " + mb(needed) + " MB more storage"
                + " but the browser allows only " + mb((long) Math.max(0, free)) + " MB more for this site (" + mb((long) quota)
                + " MB in all). " + (offer.isEmpty() ? "No stored model can be deleted to make room: free disk space."
                : (afterwards >= needed ? "Deleting the least recently used " : "Even deleting all stored models ")
                + describe(offer) + " with locara.models.delete(id) "
                + (afterwards >= needed ? "makes room." : "is not enough: free disk space too.")));
    }

    private static String describe(List<Stored> models) {
        StringBuilder sb = new StringBuilder();
        for (Stored s : models) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.id()).append(" (").append(mb(s.bytes())).append(" MB)");
        }
        return sb.toString();
    }

    /**
     * Marks {@code model} verified, recording its file's size beside the hash;
     * the marker's own modification time is the model's last use.
     */
    void writeMarker(ModelRef model) {
        writeText(model.file() + MARKER, recordOf(model.file(), model.sha256()).text());
    }

    /** Marks user model {@code id} complete, its computed {@code sha256} recorded with the file's size. */
    void writeUserMarker(String id, String sha256) {
        writeText(UserModels.file(id) + UserModels.MARKER, recordOf(UserModels.file(id), sha256).text());
    }

    /** What the file {@code name} is now (size, modification time), vouched for by {@code sha256}. */
    StoredRecord recordOf(String name, String sha256) {
        JSObject f = Async.await(Opfs.file(Async.await(Opfs.existing(dir, name))));
        return new StoredRecord(sha256, (long) Opfs.fileSize(f), (long) Opfs.lastModified(f));
    }

    /** The text of the small file {@code name}, or null when there is none. */
    String readText(String name) {
        JSObject handle = Async.await(Opfs.existing(dir, name));
        return handle == null ? null : Opfs.text(Async.await(Opfs.file(handle)));
    }

    /** Rewrites a marker with the text it holds, so that its modification time records a use. */
    private void renew(String marker) {
        String text = readText(marker);
        if (text != null) {
            writeText(marker, text);
        }
    }

    static String markerOf(ModelRef model) {
        return model.file() + MARKER;
    }

    /** Writes a small file in the models folder, replacing what it held. */
    void writeText(String name, String text) {
        JSObject file = Async.await(Opfs.create(dir, name));
        JSObject h = Async.await(Opfs.syncHandle(file));
        try {
            Opfs.truncate(h, 0);
            Opfs.write(h, Opfs.utf8(text), 0);
        } finally {
            Opfs.close(h);
        }
    }

    /** {@code file}, once it is known to offer the synchronous access handle that writing needs. */
    static JSObject requireSyncAccess(JSObject file) {
        if (!Opfs.hasSyncAccess(file)) {
            throw new StorageException("storage_unavailable", "Writing models needs the synchronous file access of a"
                    + " worker, which this browser lacks.");
        }
        return file;
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
