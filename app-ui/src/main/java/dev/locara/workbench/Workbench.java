package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import dev.locara.app.DevicePanel;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.conversation.Conversation;
import dev.locara.conversation.ConversationStore;
import dev.locara.gpu.AdapterInfo;
import dev.locara.markdown.MarkdownView;
import dev.locara.privacy.NetworkLog;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLOptionElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * The page's entry point: starts the network log, the engine worker (publishing window.locara),
 * the offline shell and the conversation store, then builds the workbench from its components, each
 * of which owns its part of the page: sidebar, chat header, message list, composer, settings, the
 * models-and-device panel, the documents view, status bar and privacy panel.
 */
public final class Workbench {
    private Workbench() {
    }

    public static void main(String[] args) {
        NetworkLog network = NetworkLog.start();
        List<LocaraApi.Model> models = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            models.add(new LocaraApi.Model(m.id(), m.displayName(), m.localUrl()));
        }
        LocaraApi api = LocaraApi.install("engine-worker.js", models);
        UpdateBanner update = new UpdateBanner(); // the offline shell, and the offer of its new versions
        update.register();
        // The e2e tests' ways in: the store round trip (ConversationStoreTest) and the renderer (MarkdownXssTest).
        ConversationStore.installProbe();
        MarkdownView.installTestHook(Dom.doc().getBody());

        AppState state = new AppState();
        state.model = ModelCatalog.DEMO.id();
        Models names = new Models(api.models());
        ChatActions actions = new ChatActions(state, api, names);
        Composer composer = new Composer(state, actions);
        DocumentsView documents = new DocumentsView(state);
        documents.viewer.installHook();
        HTMLElement devicePanel = Dom.byId("device");
        SettingsPanel settings = new SettingsPanel(state, actions);
        Sidebar sidebar = new Sidebar(state, actions, composer::focus, () -> {
            settings.show(false);
            devicePanel.setHidden(true);
            documents.show(!documents.shown());
        });
        MessageList messages = new MessageList(state, actions, names, new Welcome(state, actions));
        PrivacyPanel privacy = new PrivacyPanel(network);
        StatusBar status = new StatusBar(state, network, privacy);
        DevicePanel device = new DevicePanel(api, state::generating);
        // The model manager heads the models-and-device panel, above the import and the benchmark.
        ModelLoad load = new ModelLoad(state, api, names);
        actions.loadsTo(load);
        ModelManager manager = new ModelManager(state, api, names, load);
        devicePanel.insertBefore(manager.root, Dom.byId("import"));
        device.onMeasured(manager::measured);
        device.onStored(manager::storedElsewhere);
        Dom.byId("device-close").addEventListener("click", e -> devicePanel.setHidden(true));

        HTMLElement main = Dom.el("main", "chat");
        main.appendChild(update.root);
        HTMLElement head = header(state, names, sidebar, settings, devicePanel, documents, load.label);
        head.appendChild(load.bar); // its own line at the header's foot (the header wraps)
        main.appendChild(head);
        main.appendChild(messages.root);
        main.appendChild(composer.root);
        HTMLElement layout = Dom.byId("app");
        layout.clear();
        layout.appendChild(sidebar.root);
        layout.appendChild(main);
        layout.appendChild(settings.root);
        layout.appendChild(devicePanel);
        layout.appendChild(documents.root);
        HTMLElement body = Dom.doc().getBody();
        body.appendChild(status.root);
        body.appendChild(privacy.root);
        messages.render();
        state.subscribe(AppState.Topic.ENGINE, () -> {
            if (state.current() == null) {
                messages.render();
            }
        });

        api.whenReady(new LocaraApi.ReadyListener() {
            @Override
            public void onReady(String vendor, String architecture, String description, boolean fallback) {
                String text = "WebGPU adapter: " + vendor + " " + architecture
                        + (description == null || description.isEmpty() ? "" : " (" + description + ")")
                        + (new AdapterInfo(vendor, architecture, description, fallback).emulated()
                                ? " — a software adapter (the GPU emulated on the CPU), expect low speed" : "");
                state.engine = new AppState.Engine("ready", text, null);
                device.ready();
                state.emit(AppState.Topic.ENGINE);
                composer.focus();
            }

            @Override
            public void onFailed(String code, String message) {
                state.engine = new AppState.Engine("error", message, code);
                state.emit(AppState.Topic.ENGINE);
            }
        });
        if (ConversationStore.isSupported()) {
            ConversationStore.open(store -> store.loadAll(stored -> actions.library.attach(store, stored),
                    actions.library::unavailable), actions.library::unavailable);
        } else {
            actions.library.unavailable("this browser offers no IndexedDB here.");
        }
        documents.start();
    }

    /** The chat's header: the conversations drawer (phone width), the title, the model, and the two panels. */
    private static HTMLElement header(AppState state, Models names, Sidebar sidebar, SettingsPanel settings,
                                      HTMLElement device, DocumentsView documents, HTMLElement loaded) {
        HTMLElement head = Dom.el("header", "chat-head");
        head.appendChild(Dom.iconButton("☰", "Conversations", "drawer-toggle", sidebar::toggle));
        HTMLElement title = Dom.text("h2", "chat-title", "New chat");
        head.appendChild(title);
        HTMLSelectElement model = (HTMLSelectElement) Dom.el("select", "model-select");
        model.setAttribute("aria-label", "Model");
        for (LocaraApi.Model m : names.all()) {
            HTMLOptionElement o = (HTMLOptionElement) Dom.el("option", null);
            o.setValue(m.id());
            o.setText(m.name());
            model.appendChild(o);
        }
        model.setValue(state.model);
        model.addEventListener("change", e -> {
            state.model = model.getValue();
            state.emit(AppState.Topic.ENGINE);
        });
        head.appendChild(model);
        head.appendChild(loaded);
        // The model manager's "Use" changes state.model: the select follows, with the user's own models added.
        state.subscribe(AppState.Topic.ENGINE, () -> {
            model.setValue(state.model);
            if (!state.model.equals(model.getValue())) {
                HTMLOptionElement o = (HTMLOptionElement) Dom.el("option", null);
                o.setValue(state.model);
                o.setText(state.model + " (yours)");
                model.appendChild(o);
                model.setValue(state.model);
            }
        });
        HTMLButtonElement settingsButton = Dom.button("Settings", "secondary", () -> {
            device.setHidden(true);
            documents.show(false);
            settings.show(!settings.shown());
        });
        settingsButton.setAttribute("aria-controls", "settings");
        head.appendChild(settingsButton);
        HTMLButtonElement deviceButton = Dom.button("Models and device", "secondary", () -> {
            settings.show(false);
            documents.show(false);
            device.setHidden(!device.isHidden());
        });
        deviceButton.setAttribute("aria-controls", "device");
        head.appendChild(deviceButton);
        Runnable retitle = () -> {
            Conversation c = state.current();
            title.setTextContent(c == null ? "New chat" : c.title());
        };
        state.subscribe(AppState.Topic.CURRENT, retitle);
        state.subscribe(AppState.Topic.CONVERSATIONS, retitle);
        return head;
    }
}
