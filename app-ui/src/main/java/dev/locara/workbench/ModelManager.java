package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import dev.locara.app.JsFields;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The model manager: the manifest's models by category (recommended defaults marked) with their
 * figures and whether they fit this device, this browser's storage (used, persistence), downloads
 * with progress, cancel and resume, deletion, the user's own unpinned models, and "Use", which makes
 * a stored model the chat's and loads it ({@link ModelLoad}). At start it has the store check
 * worker check every stored model (locara.models.verify) and compares the result with the ledger
 * of what was stored, so a model the browser evicted or that was damaged is shown as lost and
 * offered again; until that check answers, each stored model shows as checking, never as ready. Everything goes through the client window.locara is.
 */
final class ModelManager implements ModelRow.Actions {
    private static final String READ_BANDWIDTH = "locara.device.read_gb_per_second";
    private static final String LICENCE = "locara.licence.";
    private static final String[] CATEGORY_NAMES = {"Chat", "Coding", "Reasoning", "Embeddings", "Vision", "Speech"};

    private final AppState state;
    private final LocaraApi api;
    private final Models names;
    final HTMLElement root;
    private final ModelLoad load;
    private final HTMLElement storageLine;
    private final HTMLElement persistLine;
    private final HTMLElement checkLine;
    private final HTMLElement userList;
    private final Map<String, ModelRow> rows = new LinkedHashMap<>();
    private final StoredLedger ledger = StoredLedger.parse(ModelBindings.load(StoredLedger.KEY));
    private final List<UserModels.Entry> userModels = new ArrayList<>();
    private double quota = -1;
    private double usage = -1;
    private double maxBuffer = -1;
    private double maxBinding = -1;
    private double readGbPerSecond;
    private long storedTotal;
    private int storedCount;
    /** null until asked; then the browser's answer ("granted", "denied", "unsupported"). */
    private String persistence;
    private boolean persistAsked;
    private boolean checked;

    ModelManager(AppState state, LocaraApi api, Models names, ModelLoad load) {
        this.state = state;
        this.api = api;
        this.names = names;
        this.load = load;
        String bandwidth = ModelBindings.load(READ_BANDWIDTH);
        readGbPerSecond = bandwidth == null ? -1 : parse(bandwidth);
        root = Dom.el("section", "model-manager");
        root.setAttribute("id", "model-manager");
        root.setAttribute("aria-labelledby", "models-heading");
        HTMLElement h = Dom.text("h3", null, "Models");
        h.setAttribute("id", "models-heading");
        root.appendChild(h);
        storageLine = line("model-storage");
        persistLine = line("model-persist");
        checkLine = line("model-check");
        checkLine.setAttribute("role", "status");
        checkLine.setTextContent("Checking the models stored in this browser…");
        for (ModelRef.Category c : ModelRef.Category.values()) {
            HTMLElement list = null;
            for (ModelRef m : ordered(c)) {
                if (list == null) {
                    HTMLElement group = Dom.el("section", "model-group");
                    group.setAttribute("data-category", c.jsonName());
                    String title = CATEGORY_NAMES[c.ordinal()];
                    group.setAttribute("aria-label", title + " models");
                    group.appendChild(Dom.text("h4", null, title));
                    list = Dom.el("ul", "model-list");
                    group.appendChild(list);
                    root.appendChild(group);
                }
                ModelRow row = new ModelRow(m, this);
                rows.put(m.id(), row);
                list.appendChild(row.root);
            }
        }
        HTMLElement mine = Dom.el("section", "model-group user-models");
        mine.setAttribute("id", "user-models");
        mine.setAttribute("aria-label", "Your models");
        mine.appendChild(Dom.text("h4", null, "Your models"));
        mine.appendChild(Dom.text("p", "hint", "Imported from disk or added by URL. Not pinned: they are not in Locara's"
                + " manifest, so nothing vouches for what they are; each is checked at start against the SHA-256"
                + " computed when it was stored."));
        userList = Dom.el("ul", "model-list");
        mine.appendChild(userList);
        root.appendChild(mine);
        state.subscribe(AppState.Topic.ENGINE, this::renderAll);
        renderAll();
        ModelBindings.adapterLimits((buffer, binding) -> {
            maxBuffer = buffer;
            maxBinding = binding;
            renderAll();
        });
        ModelBindings.persistence(false, answer -> {
            if (persistence == null) {
                persistence = answer.equals("granted") ? answer : null;
                showStorage();
            }
        });
        api.whenReady(new LocaraApi.ReadyListener() {
            @Override
            public void onReady(String vendor, String architecture, String description, boolean fallback) {
                check();
            }

            @Override
            public void onFailed(String code, String message) {
                checkLine.setTextContent("Stored models cannot be checked: the engine did not start (" + message + ").");
            }
        });
    }

    /** The benchmark measured this device's read bandwidth: it bounds every model's decode speed. */
    void measured(double gbPerSecond) {
        if (gbPerSecond > 0) {
            readGbPerSecond = gbPerSecond;
            ModelBindings.save(READ_BANDWIDTH, String.valueOf(gbPerSecond));
            renderAll();
        }
    }

    /** Something else stored a model (the import in the device panel): list storage again. */
    void storedElsewhere() {
        refresh();
    }

    // 1. The start-up check

    private void check() {
        ModelBindings.settle(api.verify(ModelBindings.function(p -> checkLine.setTextContent(
                JsFields.string(p, "text")))), (value, code, message) -> {
            if (value == null) {
                checkLine.setTextContent("Stored models could not be checked (" + message + "); none is offered as"
                        + " ready.");
                return;
            }
            Map<String, JSObject> checks = new HashMap<>();
            JSObject data = ModelBindings.list(value, "data");
            for (int i = 0; i < ModelBindings.length(data); i++) {
                JSObject c = ModelBindings.at(data, i);
                checks.put(JsFields.string(c, "id"), c);
            }
            listStored(stored -> applyCheck(checks, stored));
        });
    }

    private void applyCheck(Map<String, JSObject> checks, Set<String> stored) {
        int lost = 0;
        int partial = 0;
        for (ModelRow row : rows.values()) {
            if (row.status == ModelRow.Status.DOWNLOADING) {
                continue;
            }
            JSObject c = checks.get(row.model.id());
            String s = c == null ? "" : JsFields.string(c, "state");
            if (stored.contains(row.model.id())) {
                continue; // listStored set it
            } else if (s.equals("partial")) {
                row.status = ModelRow.Status.PARTIAL;
                row.have = (long) JsFields.number(c, "bytes");
                partial++;
            } else if (s.equals("lost") || s.equals("damaged")) {
                row.status = ModelRow.Status.LOST;
                row.lostReason = JsFields.string(c, "message");
                lost++;
            } else if (ledger.lost(stored).contains(row.model.id())) {
                row.status = ModelRow.Status.LOST;
                row.lostReason = "it is no longer in browser storage (the browser may have evicted it to free space).";
                lost++;
            } else {
                row.status = ModelRow.Status.NOT_STORED;
            }
        }
        userModels.removeIf(u -> u.lost() != null);
        for (String id : ledger.lost(stored)) {
            if (!ledger.pinned(id)) {
                JSObject c = checks.get(id);
                userModels.add(new UserModels.Entry(id, 0, "", c != null ? JsFields.string(c, "message")
                        : "it is no longer in browser storage (the browser may have evicted it)."));
                lost++;
            }
        }
        checked = true;
        checkLine.setAttribute("data-state", lost > 0 ? "lost" : "ok");
        checkLine.setTextContent("Checked " + Format.count(storedCount, "stored model", "stored models") + ": "
                + (lost == 0 ? "all whole." : lost + " lost or damaged, offered again below.")
                + (partial > 0 ? " " + Format.count(partial, "download", "downloads") + " can be resumed." : ""));
        renderAll();
    }

    /** models.stored(): marks stored rows, lists the user's models, and records both in the ledger. */
    private void listStored(java.util.function.Consumer<Set<String>> then) {
        ModelBindings.settle(api.stored(), (value, code, message) -> {
            Set<String> ids = new HashSet<>();
            if (value == null) {
                storageLine.setTextContent("Browser storage cannot be read: " + message);
                then.accept(ids);
                return;
            }
            List<UserModels.Entry> lostUsers = new ArrayList<>();
            for (UserModels.Entry u : userModels) {
                if (u.lost() != null) {
                    lostUsers.add(u);
                }
            }
            userModels.clear();
            JSObject data = ModelBindings.list(value, "data");
            for (int i = 0; i < ModelBindings.length(data); i++) {
                JSObject s = ModelBindings.at(data, i);
                String id = JsFields.string(s, "id");
                boolean pinned = JsFields.bool(s, "pinned");
                ids.add(id);
                ledger.add(id, pinned);
                ModelRow row = rows.get(id);
                if (row != null && pinned) {
                    row.status = ModelRow.Status.STORED;
                    row.have = (long) JsFields.number(s, "bytes");
                    row.errorMessage = null;
                } else if (!pinned) {
                    userModels.add(new UserModels.Entry(id, (long) JsFields.number(s, "bytes"),
                            JsFields.string(s, "sha256"), null));
                }
            }
            for (UserModels.Entry u : lostUsers) {
                if (!ids.contains(u.id())) {
                    userModels.add(u);
                }
            }
            for (ModelRow row : rows.values()) {
                if (row.status == ModelRow.Status.STORED && !ids.contains(row.model.id())) {
                    row.status = ModelRow.Status.NOT_STORED;
                    row.have = 0;
                }
            }
            ModelBindings.save(StoredLedger.KEY, ledger.toJson());
            storedCount = ids.size();
            storedTotal = (long) JsFields.number(value, "total_bytes");
            ModelBindings.estimate((q, u) -> {
                quota = q;
                usage = u;
                renderAll();
            });
            then.accept(ids);
        });
    }

    private void refresh() {
        listStored(ids -> {
            if (checked) {
                renderAll();
            }
        });
    }

    // 2. The actions of a row

    @Override
    public void download(ModelRow row) {
        ModelRef.License l = row.model.license();
        if (l.acceptTerms() && !accepted(row.model)) {
            row.askingLicence = true;
            render(row);
            return;
        }
        askPersistence();
        JSObject controller = ModelBindings.abortController();
        row.controller = controller;
        row.status = ModelRow.Status.DOWNLOADING;
        row.errorMessage = null;
        render(row);
        JSObject onProgress = ModelBindings.function(p -> row.progress(JsFields.number(p, "loaded"),
                JsFields.number(p, "total"), JsFields.number(p, "bytes_per_second"),
                JsFields.number(p, "seconds_left")));
        ModelBindings.settle(api.download(row.model.id(), onProgress, ModelBindings.signal(controller)),
                (value, code, message) -> {
                    row.controller = null;
                    if (value != null) {
                        row.status = ModelRow.Status.STORED;
                        row.have = row.model.bytes();
                        ledger.add(row.model.id(), true);
                        refresh();
                        render(row);
                        return;
                    }
                    failed(row, code, message);
                });
    }

    private void failed(ModelRow row, String code, String message) {
        boolean kept = row.have > 0 && !"hash_mismatch".equals(code) && !"size_mismatch".equals(code);
        row.status = kept ? ModelRow.Status.PARTIAL : ModelRow.Status.NOT_STORED;
        if (!kept) {
            row.have = 0;
        }
        if ("download_cancelled".equals(code)) {
            row.errorMessage = null;
        } else {
            row.errorCode = code;
            row.errorMessage = lead(code) + " " + message;
        }
        refresh();
        render(row);
    }

    /** The first sentence of a failed download's error: what kind of failure it is. */
    static String lead(String code) {
        switch (code) {
            case "hash_mismatch":
            case "size_mismatch":
                return "The downloaded bytes are not the pinned file, so they were deleted.";
            case "storage_full":
                return "Not enough browser storage.";
            case "model_unavailable":
                return "The model could not be downloaded: the network failed, or the host is not one this page may"
                        + " reach.";
            case "storage_unavailable":
            case "storage_error":
                return "Browser storage failed.";
            default:
                return "The download failed.";
        }
    }

    @Override
    public void cancel(ModelRow row) {
        if (row.controller != null) {
            ModelBindings.abort(row.controller); // the download answers download_cancelled, keeping its bytes
        } else {
            render(row);
        }
    }

    @Override
    public void delete(ModelRow row) {
        deleteStored(row.model.id());
    }

    private void deleteStored(String id) {
        ModelBindings.settle(api.delete(id), (value, code, message) -> {
            if (value != null) {
                ledger.remove(id);
                ModelRow row = rows.get(id);
                if (row != null) {
                    row.status = ModelRow.Status.NOT_STORED;
                    row.have = 0;
                }
            } else {
                checkLine.setTextContent("Deleting '" + id + "' failed: " + message);
            }
            refresh();
        });
    }

    @Override
    public void use(ModelRow row) {
        use(row.model.id());
    }

    /** Makes {@code id} the chat's model and loads it now; the header's select follows through the ENGINE topic. */
    private void use(String id) {
        state.model = id;
        state.emit(AppState.Topic.ENGINE);
        load.load(id);
    }

    @Override
    public void accept(ModelRow row) {
        ModelBindings.save(LICENCE + row.model.id(), row.model.license().id());
        row.askingLicence = false;
        download(row);
    }

    private static boolean accepted(ModelRef m) {
        return m.license().id().equals(ModelBindings.load(LICENCE + m.id()));
    }

    /** Persistent storage is asked for at the first download (browsers grant it on a user's gesture or engagement). */
    private void askPersistence() {
        if (persistAsked || "granted".equals(persistence)) {
            return;
        }
        persistAsked = true;
        ModelBindings.persistence(true, answer -> {
            persistence = answer;
            showStorage();
        });
    }

    // 3. Rendering

    private void renderAll() {
        for (ModelRow row : rows.values()) {
            render(row);
        }
        renderUserModels();
        showStorage();
    }

    private void render(ModelRow row) {
        DeviceFit fit = DeviceFit.of(row.model, row.status == ModelRow.Status.STORED ? row.model.bytes() : row.have,
                device());
        boolean inUse = checked && row.status == ModelRow.Status.STORED && row.model.id().equals(state.model);
        row.render(fit, accepted(row.model), inUse, row.model.id().equals(api.loadedModel()));
    }

    private DeviceFit.Device device() {
        return new DeviceFit.Device(quota, usage, maxBuffer, maxBinding, ModelBindings.deviceMemoryGib(), readGbPerSecond);
    }

    private void renderUserModels() {
        UserModels.render(userList, userModels, checked, state.model, this::use, this::deleteStored);
    }

    private void showStorage() {
        storageLine.setTextContent("Stored: " + Format.count(storedCount, "model", "models") + ", "
                + DeviceFit.size(storedTotal) + "." + (quota > 0 ? " This site uses " + DeviceFit.size(usage) + " of the "
                + DeviceFit.size(quota) + " the browser allows it." : ""));
        String p = persistence;
        persistLine.setAttribute("data-state", p == null ? "not-asked" : p);
        persistLine.setTextContent(p == null ? "Persistent storage: not asked yet; it is asked at the first download."
                : p.equals("granted") ? "Persistent storage: granted. The browser keeps stored models until you delete them."
                : p.equals("denied") ? "Persistent storage: not granted. The browser may evict stored models when disk"
                + " space runs low; Locara checks them at every start and offers again what was lost."
                : "Persistent storage: this browser cannot make storage persistent; it may evict stored models, and"
                + " Locara checks them at every start.");
    }

    // 4. Helpers

    /** A category's manifest models, its recommended default first. */
    private static List<ModelRef> ordered(ModelRef.Category c) {
        List<ModelRef> out = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            if (m.category() == c && m.recommended()) {
                out.add(m);
            }
        }
        for (ModelRef m : ModelCatalog.all()) {
            if (m.category() == c && !m.recommended()) {
                out.add(m);
            }
        }
        return out;
    }

    private HTMLElement line(String id) {
        HTMLElement p = Dom.el("p", id);
        p.setAttribute("id", id);
        root.appendChild(p);
        return p;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
