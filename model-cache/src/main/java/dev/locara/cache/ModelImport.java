package dev.locara.cache;

import dev.locara.cache.ModelStore.Imported;
import dev.locara.cache.ModelStore.Progress;
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
 * A model the user brings (a chosen file, or a URL) copied into the store through "import.part": it
 * becomes the manifest model its size and hash match, or else an unpinned user model.
 */
final class ModelImport {
    /** Where an import is written until its hash says which model it is; one import runs at a time. */
    private static final String IMPORT_PART = "import.part";
    /** Bytes read from the user's file per step: bounded, so a 5 GB file is never one ArrayBuffer. */
    private static final int IMPORT_CHUNK = 4 << 20;
    /** Bytes per step when a file is copied because the browser cannot move it. */
    private static final int COPY_CHUNK = 1 << 20;

    private final ModelStore store;

    ModelImport(ModelStore store) {
        this.store = store;
    }

    /** {@link ModelStore#importFile}: the user's File or Blob, read in bounded slices. */
    Imported file(JSObject blob, String fileName, Progress progress, BooleanSupplier cancelled) {
        long size = (long) Opfs.fileSize(blob);
        if (size == 0) {
            throw new StorageException("invalid_model", "'" + fileName + "' is empty: it is not a GGUF model. Nothing was stored.");
        }
        JSObject part = openPart(fileName, size);
        Sha256Feed sha = new Sha256Feed();
        boolean complete = false;
        JSObject h = Async.await(Opfs.syncHandle(part));
        try {
            ProgressMeter meter = new ProgressMeter(progress, 0);
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
                meter.update(at, size, at == size);
            }
            complete = true;
        } finally {
            Opfs.close(h);
            if (!complete) {
                Async.await(Opfs.remove(store.dir, IMPORT_PART));
            }
        }
        return finishImport(part, size, sha.hexDigest(), fileName);
    }

    /** A fresh import.part to copy a model into, after the space check ({@code size} -1 when unknown). */
    private JSObject openPart(String fileName, long size) {
        Async.await(Opfs.persist());
        Async.await(Opfs.remove(store.dir, IMPORT_PART)); // left by an import cut short by a closed tab
        if (size > 0) {
            store.checkSpace(fileName, size);
        }
        return ModelStore.requireSyncAccess(Async.await(Opfs.create(store.dir, IMPORT_PART)));
    }

    /** {@link ModelStore#importUrl}: a model added by URL, its length unknown until the end when the server omits it. */
    Imported url(String url, String name, Progress progress, BooleanSupplier cancelled) {
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
            ProgressMeter meter = new ProgressMeter(progress, 0);
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
                meter.update(position, expected, false);
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
                Async.await(Opfs.remove(store.dir, IMPORT_PART));
            }
        }
        if (position == 0) {
            Async.await(Opfs.remove(store.dir, IMPORT_PART));
            throw new StorageException("invalid_model", url + " is empty: it is not a GGUF model. Nothing was stored.");
        }
        return finishImport(part, position, sha.hexDigest(), name);
    }

    /** Stores a complete import.part as the pinned model it matches, or as a user model once its header reads. */
    private Imported finishImport(JSObject part, long size, String hash, String fileName) {
        for (ModelRef m : ModelCatalog.all()) {
            if (m.bytes() == size && m.sha256().equals(hash)) {
                if (store.isStored(m)) {
                    Async.await(Opfs.remove(store.dir, IMPORT_PART));
                } else {
                    Async.await(Opfs.remove(store.dir, m.file())); // a partial download of it, superseded
                    rename(part, m.file());
                }
                store.writeMarker(m);
                return new Imported(m.id(), m.file(), size, hash, true);
            }
        }
        try {
            GgufReader.read(new OpfsSource(Async.await(Opfs.file(part))));
        } catch (GgufException e) {
            Async.await(Opfs.remove(store.dir, IMPORT_PART));
            throw new StorageException("invalid_model", "'" + fileName + "' is not a usable GGUF model: "
                    + e.getMessage() + " Nothing was stored.");
        }
        List<String> manifestIds = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            manifestIds.add(m.id());
        }
        String id = UserModels.idFor(fileName, manifestIds);
        store.deleteUser(id); // importing a file of the same name again replaces it
        rename(part, UserModels.file(id));
        store.writeUserMarker(id, hash);
        return new Imported(id, UserModels.file(id), size, hash, false);
    }

    /** Renames a closed file in the models folder: move() where the browser has it, else a chunked copy. */
    private void rename(JSObject file, String to) {
        if (Opfs.hasMove(file)) {
            Async.await(Opfs.move(file, store.dir, to));
            return;
        }
        JSObject target = Async.await(Opfs.create(store.dir, to));
        JSObject from = Async.await(Opfs.syncHandle(file));
        JSObject into = Async.await(Opfs.syncHandle(target));
        try {
            Opfs.truncate(into, 0);
            long size = (long) Opfs.size(from);
            Int8Array buffer = new Int8Array(COPY_CHUNK);
            for (long at = 0; at < size; at += COPY_CHUNK) {
                int n = (int) Math.min(COPY_CHUNK, size - at);
                Int8Array view = n == COPY_CHUNK ? buffer : new Int8Array(buffer.getBuffer(), 0, n);
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
        Async.await(Opfs.remove(store.dir, IMPORT_PART));
    }
}
