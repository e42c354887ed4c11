package dev.locara.cache;

import dev.locara.cache.ModelStore.Progress;
import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.Response;
import java.util.function.BooleanSupplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * One manifest model's download into the store: resumed from the stored length with an HTTP Range
 * request, every byte hashed (the stored prefix again first), and marked verified only when the whole
 * file matches the pinned SHA-256.
 */
final class ModelDownload {
    private static final int REHASH_CHUNK = 1 << 20;

    private final ModelStore store;

    ModelDownload(ModelStore store) {
        this.store = store;
    }

    /** {@link ModelStore#download(ModelRef, String, Progress, BooleanSupplier)}: returns only once the file is verified. */
    void run(ModelRef model, String url, Progress progress, BooleanSupplier cancelled) {
        if (store.isStored(model)) {
            progress.report(model.bytes(), model.bytes(), 0, 0);
            return;
        }
        Async.await(Opfs.persist());
        JSObject file = ModelStore.requireSyncAccess(Async.await(Opfs.create(store.dir, model.file())));
        JSObject h = Async.await(Opfs.syncHandle(file));
        boolean keep = true;
        try {
            long have = (long) Opfs.size(h);
            if (have > model.bytes()) {
                Opfs.truncate(h, 0);
                have = 0;
            }
            store.checkSpace(model.id(), model.bytes() - have);
            Sha256Feed sha = new Sha256Feed();
            rehash(h, have, sha);
            long position = have;
            if (have < model.bytes()) {
                position = fetchInto(store, h, model, url, have, sha, progress, cancelled);
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
                Async.await(Opfs.remove(store.dir, model.file()));
            }
        }
        store.writeMarker(model);
    }

    private static long fetchInto(ModelStore store, JSObject h, ModelRef model, String url, long have, Sha256Feed sha, Progress progress,
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
        ProgressMeter meter = new ProgressMeter(progress, position);
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
                String stopped = "Storing '" + model.id() + "' stopped at byte " + position + " of " + model.bytes()
                        + " (" + error + "); the part is kept but not usable, and the next download resumes from it. ";
                StorageException full = store.ranOutOfRoom(model.id(), model.bytes() - position, stopped);
                throw full != null ? full : new StorageException("storage_full", stopped
                        + "Free space by deleting stored models, then download again to resume.");
            }
            sha.update(chunk);
            position += chunk.getLength();
            meter.update(position, model.bytes(), position == model.bytes());
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
}
