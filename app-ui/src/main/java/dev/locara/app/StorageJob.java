package dev.locara.app;

import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.cache.ModelStore;
import dev.locara.cache.StorageException;
import dev.locara.js.JsException;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.teavm.jso.JSObject;

/**
 * models.download / import / add / stored / delete, run in the worker because only a worker has
 * synchronous OPFS writes. Each answers with one "result" (after "progress" messages for the
 * transfers); a model whose stored bytes change is no longer served from the GPU.
 */
final class StorageJob {
    private final ModelHost host;
    private final IntPredicate stopped;

    StorageJob(ModelHost host, IntPredicate stopped) {
        this.host = host;
        this.stopped = stopped;
    }

    void download(Request.Download r) {
        ModelRef model = ModelCatalog.byId(r.model());
        browserStorage(() -> {
            ModelStore.open().download(model, progress(r.id()), () -> stopped.test(r.id()));
            return null;
        });
        Outbox.post(new Reply.Result(r.id(), StorageReplies.downloaded(model.id(), model.bytes(), model.sha256())));
    }

    void importFile(Request.Import r) {
        ModelStore.Imported model = browserStorage(() -> ModelStore.open().importFile((JSObject) r.file(), r.name(),
                progress(r.id()), () -> stopped.test(r.id())));
        host.forget(model.id()); // a re-imported user model may have new bytes under the same id
        Outbox.post(new Reply.Result(r.id(), StorageReplies.imported(model)));
    }

    void add(Request.Add r) {
        ModelStore.Imported model = browserStorage(() -> ModelStore.open().importUrl(r.url(), r.name(),
                progress(r.id()), () -> stopped.test(r.id())));
        host.forget(model.id()); // a re-added user model may have new bytes under the same id
        Outbox.post(new Reply.Result(r.id(), StorageReplies.imported(model)));
    }

    void listStored(Request.ListStored r) {
        Outbox.post(new Reply.Result(r.id(), StorageReplies.storedList(browserStorage(() -> ModelStore.open().list()))));
    }

    /**
     * The start-up check, where it reaches the engine (the page sends it to {@link StoreCheckWorker}):
     * a model found lost or damaged was removed, so the GPU must not keep serving it either.
     */
    void verify(Request.Verify r) {
        List<ModelStore.Check> checks = check(r);
        for (ModelStore.Check c : checks) {
            if (c.state() != ModelStore.CheckState.OK) {
                host.forget(c.id());
            }
        }
        Outbox.post(new Reply.Result(r.id(), StorageReplies.checks(checks)));
    }

    /** The store check removed a model's bytes: its copy on the GPU is not served any more either. */
    void forget(Request.Forget r) {
        host.forget(r.model());
        Outbox.post(new Reply.Result(r.id(), StorageReplies.forgotten(r.model())));
    }

    /** Checks what storage holds, telling the page before each file it hashes. */
    static List<ModelStore.Check> check(Request.Verify r) {
        return browserStorage(() -> ModelStore.open().verify((step, steps, text) ->
                Outbox.post(new Reply.Stage(r.id(), "verify", step, steps, text)), new HashSet<>(r.verified())));
    }

    void delete(Request.Delete r) {
        String name = r.model();
        browserStorage(() -> {
            ModelStore store = ModelStore.open();
            if (store.user(name) != null) {
                store.deleteUser(name);
            } else {
                store.delete(ModelCatalog.byId(name));
            }
            return null;
        });
        host.forget(name); // its weights stay on the GPU until the next load frees them
        Outbox.post(new Reply.Result(r.id(), StorageReplies.deleted(name)));
    }

    private static ModelStore.Progress progress(int id) {
        return (loaded, total, rate, left) -> Outbox.post(new Reply.Progress(id, loaded, total, rate, left));
    }

    /** Runs storage work; a browser API failing inside it is a storage error, not the GPU's. */
    private static <T> T browserStorage(Supplier<T> work) {
        try {
            return work.get();
        } catch (JsException e) {
            throw new StorageException("storage_error", "Browser storage failed: " + e.getMessage());
        }
    }
}
