package dev.locara.cache;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufReader;
import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.JsException;
import dev.locara.js.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Models stored in the Origin Private File System (worker only: writes use the synchronous access
 * handle). A model's bytes live in "models/FILE"; "models/FILE.verified" is written only after the
 * whole file hashed to the pinned SHA-256, so a partial or corrupt download never looks complete,
 * and a partial one is resumed from its stored length with an HTTP Range request.
 */
public final class ModelStore {
    private static final String MARKER = ".verified";
    private static final int REHASH_CHUNK = 1 << 20;

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

    /** Where an import is written until its hash says which model it is; one import runs at a time. */
    private static final String IMPORT_PART = "import.part";
    /** Bytes read from the user's file per step: bounded, so a 5 GB file is never one ArrayBuffer. */
    private static final int IMPORT_CHUNK = 4 << 20;

    private final JSObject dir;

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
     * Downloads {@code model} from {@code url} into storage, resuming what a previous attempt left,
     * hashing as bytes arrive. Returns normally only when the stored file is verified.
     */
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

    public void download(ModelRef model, String url, Progress progress, BooleanSupplier cancelled) {
        if (isStored(model)) {
            progress.report(model.bytes(), model.bytes(), 0, 0);
            return;
        }
        Async.await(Opfs.persist());
        JSObject file = Async.await(Opfs.create(dir, model.file()));
        if (!Opfs.hasSyncAccess(file)) {
            throw new StorageException("storage_unavailable", "Writing models needs the synchronous file access of a"
                    + " worker, which this browser lacks.");
        }
        JSObject h = Async.await(Opfs.syncHandle(file));
        boolean keep = true;
        try {
            long have = (long) Opfs.size(h);
            if (have > model.bytes()) {
                Opfs.truncate(h, 0);
                have = 0;
            }
            checkSpace(model.id(), model.bytes() - have);
            Sha256Feed sha = new Sha256Feed();
            rehash(h, have, sha);
            long position = have;
            if (have < model.bytes()) {
                position = fetchInto(h, model, url, have, sha, progress, cancelled);
            }
            if (position != model.bytes()) {
                throw new ModelUnavailableException("The download of '" + model.id() + "' stopped at byte " + position
                        + " of " + model.bytes() + ". Call download again to resume from there.");
            }
            String actual = sha.hexDigest();
            if (!actual.equals(model.sha256())) {
                keep = false;
                throw new StorageException("hash_mismatch", "The downloaded file for '" + model.id() + "' has SHA-256 "
                        + actual + " but the manifest pins " + model.sha256() + ": the source served different bytes."
                        + " The download was deleted; nothing was stored.");
            }
        } finally {
            Opfs.close(h);
            if (!keep) {
                Async.await(Opfs.remove(dir, model.file()));
            }
        }
        writeMarker(model);
    }

    private long fetchInto(JSObject h, ModelRef model, String url, long have, Sha256Feed sha, Progress progress,
                           BooleanSupplier cancelled) {
        Response r = Fetch.getRange(url, have, model.bytes() - 1);
        long position = have;
        if (r.getStatus() == 200) {
            // The server ignored the Range: start over rather than append the whole file again.
            Opfs.truncate(h, 0);
            sha.reset();
            position = 0;
        } else if (r.getStatus() != 206) {
            throw new ModelUnavailableException("Downloading '" + model.id() + "' from " + url + " failed: the server"
                    + " answered " + r.getStatus() + ".");
        }
        ReadableStreamDefaultReader reader = r.getBody().getReader();
        double start = now();
        long startPosition = position;
        double lastReport = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                reader.cancel(null);
                throw new StorageException("download_cancelled", "The download of '" + model.id() + "' was cancelled at"
                        + " byte " + position + " of " + model.bytes() + "; the bytes so far are kept, and the next"
                        + " download resumes from there.");
            }
            ReadableStreamReadResult result = Async.await(reader.read());
            if (result.isDone()) {
                break;
            }
            Int8Array chunk = result.getValue();
            if (position + chunk.getLength() > model.bytes()) {
                reader.cancel(null);
                throw new StorageException("size_mismatch", "The source of '" + model.id() + "' sent more than the"
                        + " pinned " + model.bytes() + " bytes: it is not the pinned file.");
            }
            String error = Opfs.write(h, chunk, position);
            if (error != null) {
                reader.cancel(null);
                throw new StorageException("storage_full", "Storing '" + model.id() + "' failed at byte " + position
                        + " (" + error + "). Free space by deleting stored models, then download again to resume.");
            }
            sha.update(chunk);
            position += chunk.getLength();
            double t = now();
            if (t - lastReport > 100 || position == model.bytes()) {
                lastReport = t;
                double rate = t > start ? (position - startPosition) * 1000.0 / (t - start) : 0;
                progress.report(position, model.bytes(), rate, rate > 0 ? (model.bytes() - position) / rate : -1);
            }
        }
        return position;
    }

    /** Feeds the already stored prefix to the hash, so a resumed download still checks every byte. */
    private static void rehash(JSObject h, long have, Sha256Feed sha) {
        Int8Array buffer = new Int8Array(REHASH_CHUNK);
        for (long at = 0; at < have; at += REHASH_CHUNK) {
            int n = (int) Math.min(REHASH_CHUNK, have - at);
            Int8Array view = n == REHASH_CHUNK ? buffer : new Int8Array(buffer.getBuffer(), 0, n);
            int got = Opfs.read(h, view, at);
            if (got != n) {
                throw new StorageException("storage_unavailable", "Reading the stored part of a download returned "
                        + got + " of " + n + " bytes.");
            }
            sha.update(view);
        }
    }

    private void checkSpace(String modelId, long needed) {
        JSObject e = Async.await(Opfs.estimate());
        double quota = Opfs.number(e, "quota");
        double free = quota - Opfs.number(e, "usage");
        if (quota > 0 && free < needed) {
            List<Stored> offer = Eviction.suggest(list(), needed, (long) Math.max(0, free), modelId);
            long afterwards = (long) Math.max(0, free) + Eviction.bytes(offer);
            throw new StorageException("storage_full", "'" + modelId + "' needs " + mb(needed) + " MB more storage but"
                    + " the browser allows only " + mb((long) Math.max(0, free)) + " MB more for this site. "
                    + (offer.isEmpty() ? "No stored model can be deleted to make room: free disk space."
                    : (afterwards >= needed ? "Deleting the least recently used " : "Even deleting all stored models ")
                    + describe(offer) + " with locara.models.delete(id) "
                    + (afterwards >= needed ? "makes room." : "is not enough: free disk space too.")));
        }
    }

    private static String describe(List<Stored> models) {
        StringBuilder sb = new StringBuilder();
        for (Stored s : models) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.id()).append(" (").append(mb(s.bytes())).append(" MB)");
        }
        return sb.toString();
    }

    private void writeMarker(ModelRef model) {
        JSObject marker = Async.await(Opfs.create(dir, model.file() + MARKER));
        JSObject h = Async.await(Opfs.syncHandle(marker));
        try {
            Opfs.truncate(h, 0);
            Opfs.write(h, Opfs.utf8(model.sha256()), 0);
        } finally {
            Opfs.close(h);
        }
    }

    /** Records a use, for least-recently-used ordering (the marker's modification time). */
    public void touch(ModelRef model) {
        writeMarker(model);
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
        JSObject marker = Async.await(Opfs.existing(dir, UserModels.file(id) + UserModels.MARKER));
        return marker == null ? null : Opfs.text(Async.await(Opfs.file(marker)));
    }

    /** The stored user model {@code id} as a byte source (its use recorded), or null when there is none. */
    public OpfsSource userSource(String id) {
        String hash = userHash(id);
        JSObject handle = hash == null ? null : Async.await(Opfs.existing(dir, UserModels.file(id)));
        if (handle == null) {
            return null;
        }
        writeText(UserModels.file(id) + UserModels.MARKER, hash);
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
        long size = (long) Opfs.fileSize(blob);
        if (size == 0) {
            throw new StorageException("invalid_model", "'" + fileName + "' is empty: it is not a GGUF model. Nothing was stored.");
        }
        JSObject part = openPart(fileName, size);
        Sha256Feed sha = new Sha256Feed();
        boolean complete = false;
        JSObject h = Async.await(Opfs.syncHandle(part));
        try {
            double start = now();
            double lastReport = 0;
            JSPromise<ArrayBuffer> next = Opfs.sliceBytes(blob, 0, Math.min(size, IMPORT_CHUNK));
            for (long at = 0; at < size; ) {
                if (cancelled.getAsBoolean()) {
                    throw new StorageException("import_cancelled", "The import of '" + fileName + "' was cancelled;"
                            + " nothing was stored.");
                }
                long end = Math.min(size, at + IMPORT_CHUNK);
                Int8Array chunk = new Int8Array(Async.await(next));
                // The browser reads the next slice while this one is stored and hashed.
                next = end < size ? Opfs.sliceBytes(blob, end, Math.min(size, end + IMPORT_CHUNK)) : null;
                if (chunk.getLength() != end - at) {
                    throw new StorageException("storage_unavailable", "Reading '" + fileName + "' returned "
                            + chunk.getLength() + " of " + (end - at) + " bytes at byte " + at + ": the file changed"
                            + " or became unreadable. Nothing was stored.");
                }
                String error = Opfs.write(h, chunk, at);
                if (error != null) {
                    throw new StorageException("storage_full", "Storing '" + fileName + "' failed at byte " + at
                            + " (" + error + "). Free space by deleting stored models, then import again.");
                }
                sha.update(chunk);
                at = end;
                double t = now();
                if (t - lastReport > 100 || at == size) {
                    lastReport = t;
                    double rate = t > start ? at * 1000.0 / (t - start) : 0;
                    progress.report(at, size, rate, rate > 0 ? (size - at) / rate : -1);
                }
            }
            complete = true;
        } finally {
            Opfs.close(h);
            if (!complete) {
                Async.await(Opfs.remove(dir, IMPORT_PART));
            }
        }
        return finishImport(part, size, sha.hexDigest(), fileName);
    }

    /** A fresh import.part to copy a model into, after the space check ({@code size} -1 when unknown). */
    private JSObject openPart(String fileName, long size) {
        Async.await(Opfs.persist());
        Async.await(Opfs.remove(dir, IMPORT_PART)); // left by an import cut short by a closed tab
        if (size > 0) {
            checkSpace(fileName, size);
        }
        JSObject part = Async.await(Opfs.create(dir, IMPORT_PART));
        if (!Opfs.hasSyncAccess(part)) {
            throw new StorageException("storage_unavailable", "Writing models needs the synchronous file access of a"
                    + " worker, which this browser lacks.");
        }
        return part;
    }

    /**
     * Downloads the file at {@code url} (a model added by URL) into storage with its SHA-256 computed
     * as bytes arrive, then stores it as {@link #importFile} does: as the pinned model it turns out to
     * be, or as an unpinned user model named after {@code name}. A failed or cancelled transfer leaves
     * nothing stored.
     */
    public Imported importUrl(String url, String name, Progress progress, BooleanSupplier cancelled) {
        Response r;
        try {
            r = Fetch.get(url);
        } catch (JsException e) {
            String host = Opfs.host(url);
            throw new ModelUnavailableException("Could not fetch " + url + " (" + e.getMessage() + "). If " + host
                    + " is reachable from this machine, the page is not allowed to connect to it: restart the server"
                    + " with --allow-host " + host + ".");
        }
        if (!r.isOk()) {
            throw new ModelUnavailableException("Downloading " + url + " failed: the server answered " + r.getStatus() + ".");
        }
        String length = r.getHeaders().get("Content-Length");
        long expected = length == null ? -1 : Long.parseLong(length.trim());
        JSObject part = openPart(name, expected);
        Sha256Feed sha = new Sha256Feed();
        boolean complete = false;
        long position = 0;
        JSObject h = Async.await(Opfs.syncHandle(part));
        ReadableStreamDefaultReader reader = r.getBody().getReader();
        try {
            double start = now();
            double lastReport = 0;
            while (true) {
                if (cancelled.getAsBoolean()) {
                    reader.cancel(null);
                    throw new StorageException("download_cancelled", "Adding '" + name + "' was cancelled; nothing was stored.");
                }
                ReadableStreamReadResult result = Async.await(reader.read());
                if (result.isDone()) {
                    break;
                }
                Int8Array chunk = result.getValue();
                String error = Opfs.write(h, chunk, position);
                if (error != null) {
                    reader.cancel(null);
                    throw new StorageException("storage_full", "Storing '" + name + "' failed at byte " + position
                            + " (" + error + "). Free space by deleting stored models, then add it again.");
                }
                sha.update(chunk);
                position += chunk.getLength();
                double t = now();
                if (t - lastReport > 100) {
                    lastReport = t;
                    double rate = t > start ? position * 1000.0 / (t - start) : 0;
                    progress.report(position, expected, rate, rate > 0 && expected > 0 ? (expected - position) / rate : -1);
                }
            }
            if (expected >= 0 && position != expected) {
                throw new ModelUnavailableException("The download of " + url + " stopped at byte " + position + " of "
                        + expected + "; nothing was stored. Try again.");
            }
            progress.report(position, position, 0, 0);
            complete = true;
        } finally {
            Opfs.close(h);
            if (!complete) {
                Async.await(Opfs.remove(dir, IMPORT_PART));
            }
        }
        if (position == 0) {
            Async.await(Opfs.remove(dir, IMPORT_PART));
            throw new StorageException("invalid_model", url + " is empty: it is not a GGUF model. Nothing was stored.");
        }
        return finishImport(part, position, sha.hexDigest(), name);
    }

    /** Stores a complete import.part as the pinned model it matches, or as a user model once its header reads. */
    private Imported finishImport(JSObject part, long size, String hash, String fileName) {
        for (ModelRef m : ModelCatalog.all()) {
            if (m.bytes() == size && m.sha256().equals(hash)) {
                if (isStored(m)) {
                    Async.await(Opfs.remove(dir, IMPORT_PART));
                } else {
                    Async.await(Opfs.remove(dir, m.file())); // a partial download of it, superseded
                    rename(part, m.file());
                }
                writeMarker(m);
                return new Imported(m.id(), m.file(), size, hash, true);
            }
        }
        try {
            GgufReader.read(new OpfsSource(Async.await(Opfs.file(part))));
        } catch (GgufException e) {
            Async.await(Opfs.remove(dir, IMPORT_PART));
            throw new StorageException("invalid_model", "'" + fileName + "' is not a usable GGUF model: "
                    + e.getMessage() + " Nothing was stored.");
        }
        List<String> manifestIds = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            manifestIds.add(m.id());
        }
        String id = UserModels.idFor(fileName, manifestIds);
        deleteUser(id); // importing a file of the same name again replaces it
        rename(part, UserModels.file(id));
        writeText(UserModels.file(id) + UserModels.MARKER, hash);
        return new Imported(id, UserModels.file(id), size, hash, false);
    }

    /** Renames a closed file in the models folder: move() where the browser has it, else a chunked copy. */
    private void rename(JSObject file, String to) {
        if (Opfs.hasMove(file)) {
            Async.await(Opfs.move(file, dir, to));
            return;
        }
        JSObject target = Async.await(Opfs.create(dir, to));
        JSObject from = Async.await(Opfs.syncHandle(file));
        JSObject into = Async.await(Opfs.syncHandle(target));
        try {
            Opfs.truncate(into, 0);
            long size = (long) Opfs.size(from);
            Int8Array buffer = new Int8Array(REHASH_CHUNK);
            for (long at = 0; at < size; at += REHASH_CHUNK) {
                int n = (int) Math.min(REHASH_CHUNK, size - at);
                Int8Array view = n == REHASH_CHUNK ? buffer : new Int8Array(buffer.getBuffer(), 0, n);
                Opfs.read(from, view, at);
                String error = Opfs.write(into, view, at);
                if (error != null) {
                    throw new StorageException("storage_full", "Storing '" + to + "' failed at byte " + at + " ("
                            + error + "). Free space by deleting stored models, then import again.");
                }
            }
        } finally {
            Opfs.close(from);
            Opfs.close(into);
        }
        Async.await(Opfs.remove(dir, IMPORT_PART));
    }

    private void writeText(String name, String text) {
        JSObject marker = Async.await(Opfs.create(dir, name));
        JSObject h = Async.await(Opfs.syncHandle(marker));
        try {
            Opfs.truncate(h, 0);
            Opfs.write(h, Opfs.utf8(text), 0);
        } finally {
            Opfs.close(h);
        }
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

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    @org.teavm.jso.JSBody(script = "return performance.now();")
    private static native double now();
}
