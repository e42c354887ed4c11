package dev.locara.workbench;

import dev.locara.conversation.ChatMessage;
import dev.locara.conversation.Conversation;
import dev.locara.conversation.MessageStats;
import dev.locara.conversation.Role;
import dev.locara.markdown.MarkdownView;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The open conversation's messages, in an element with role "log"; each message an article whose
 * data-role is user or assistant. User text is shown as text; answers go through {@link MarkdownView}
 * (Markdown, then the sanitizer), appended block by block while they stream.
 */
final class MessageList implements ChatActions.StreamTarget {
    private final AppState state;
    private final ChatActions actions;
    private final Models models;
    final HTMLElement root;
    private final HTMLElement notices;
    private final Welcome welcome;
    /** The streaming answer's parts, while one streams into this list. */
    private MarkdownView streaming;
    private HTMLElement streamingThinking;
    private HTMLElement streamingArticle;

    MessageList(AppState state, ChatActions actions, Models models, Welcome welcome) {
        this.state = state;
        this.actions = actions;
        this.models = models;
        this.welcome = welcome;
        root = Dom.el("section", "messages");
        root.setAttribute("role", "log");
        root.setAttribute("aria-label", "Messages");
        notices = Dom.el("div", "notices");
        state.subscribe(AppState.Topic.CURRENT, this::render);
        state.subscribe(AppState.Topic.CONVERSATIONS, () -> {
            if (state.current() == null) {
                render();
            }
        });
        actions.streamTo(this);
    }

    /** Builds the whole list anew: on opening a conversation and after each answer, not per token. */
    void render() {
        streaming = null;
        root.clear();
        Conversation c = state.current();
        if (c == null || c.messages().isEmpty()) {
            root.appendChild(welcome.build(state.conversations.isEmpty()));
        } else {
            ChatMessage lastAnswer = null;
            for (ChatMessage m : c.messages()) {
                if (m.role() == Role.ASSISTANT) {
                    lastAnswer = m;
                }
            }
            for (ChatMessage m : c.messages()) {
                root.appendChild(article(m, m == lastAnswer));
            }
        }
        renderNotices();
        root.appendChild(notices);
        if (state.run != null && c != null && state.run.conversationId.equals(c.id())) {
            started(state.run);
        }
        scrollToEnd();
    }

    private HTMLElement article(ChatMessage m, boolean lastAnswer) {
        boolean user = m.role() == Role.USER;
        HTMLElement a = Dom.el("article", "message " + (user ? "from-user" : "from-assistant"));
        a.setAttribute("data-role", user ? "user" : "assistant");
        a.setAttribute("data-id", m.id());
        String who = user ? "You" : models.name(m.model());
        a.setAttribute("aria-label", who);
        a.appendChild(Dom.text("header", "who", who));
        if (!user && m.reasoning() != null && !m.reasoning().isEmpty()) {
            a.appendChild(thinking(m.reasoning(), false));
        }
        HTMLElement body = Dom.el("div", "content");
        a.appendChild(body);
        if (user) {
            body.setTextContent(m.content());
        } else {
            MarkdownView.render(body, m.content());
        }
        HTMLElement footer = Dom.el("footer", "actions");
        footer.appendChild(Dom.button("Copy", "quiet", () -> copied(footer, m.content())));
        if (user) {
            footer.appendChild(Dom.button("Edit", "quiet", () -> edit(a, body, m)));
        } else if (lastAnswer) {
            footer.appendChild(Dom.button("Regenerate", "quiet", actions::regenerate));
        }
        if (!user) {
            footer.appendChild(Dom.text("span", "stats", stats(m)));
        }
        a.appendChild(footer);
        return a;
    }

    /** A reasoning model's thinking: folded away, one click to read it. */
    private static HTMLElement thinking(String text, boolean live) {
        HTMLElement d = Dom.el("details", "thinking");
        d.appendChild(Dom.text("summary", null, live ? "Thinking…" : "Thought"));
        d.appendChild(Dom.text("div", "thinking-text", text));
        return d;
    }

    private static String stats(ChatMessage m) {
        MessageStats s = m.stats();
        if (s == null) {
            return m.content().isEmpty() ? "" : "interrupted: the page closed while this answer was written";
        }
        StringBuilder b = new StringBuilder();
        if (s.firstTokenMs() >= 0) {
            b.append(Format.seconds(s.firstTokenMs())).append(" to first token · ");
        }
        b.append(Format.decimal(s.tokensPerSecond())).append(" tokens/s · ").append(s.completionTokens()).append(" tokens");
        if ("abort".equals(s.finishReason())) {
            b.append(" · stopped");
        } else if ("length".equals(s.finishReason())) {
            b.append(" · cut at the token limit");
        } else if ("gpu_lost".equals(s.finishReason())) {
            b.append(" · interrupted: the GPU was reset while this answer was written");
        } else if (s.finishReason() != null && !"stop".equals(s.finishReason())) {
            b.append(" · interrupted by an error (").append(s.finishReason()).append(')');
        }
        return b.toString();
    }

    private void copied(HTMLElement footer, String text) {
        HTMLElement button = (HTMLElement) footer.getFirstChild();
        button.setTextContent(Dom.copy(text) ? "Copied" : "Copy failed");
        button.setAttribute("aria-label", "Copy");
    }

    /** Edit in place: the text becomes a textbox; Resend (or Ctrl/Cmd+Enter) asks again from here. */
    private void edit(HTMLElement article, HTMLElement body, ChatMessage m) {
        if (state.generating()) {
            return;
        }
        HTMLTextAreaElement box = (HTMLTextAreaElement) Dom.el("textarea", "edit-box");
        box.setAttribute("aria-label", "Edit message");
        box.setValue(m.content());
        HTMLElement row = Dom.el("div", "edit-actions");
        row.appendChild(Dom.button("Resend", "primary", () -> actions.editAndResend(m.id(), box.getValue())));
        row.appendChild(Dom.button("Cancel", "quiet", this::render));
        box.addEventListener("keydown", e -> {
            KeyboardEvent k = (KeyboardEvent) e;
            if (k.getKey().equals("Escape")) {
                k.stopPropagation();
                render();
            } else if (k.getKey().equals("Enter") && !k.isShiftKey()) {
                k.preventDefault();
                actions.editAndResend(m.id(), box.getValue());
            }
        });
        body.clear();
        body.appendChild(box);
        body.appendChild(row);
        HTMLElement footer = (HTMLElement) article.querySelector("footer");
        footer.setHidden(true);
        box.focus();
    }

    private void renderNotices() {
        notices.clear();
        if (state.contextNotice != null) {
            HTMLElement n = Dom.el("div", "notice warning");
            n.setAttribute("role", "alert");
            n.appendChild(Dom.text("p", null, "This conversation no longer fits the model's context. "
                    + state.contextNotice));
            HTMLElement row = Dom.el("div", "notice-actions");
            row.appendChild(Dom.button("Start a new chat with this question", "primary", actions::continueInNewChat));
            row.appendChild(Dom.button("Drop the oldest turns", "secondary", actions::dropOldestTurns));
            n.appendChild(row);
            notices.appendChild(n);
        }
        if (state.errorNotice != null) {
            HTMLElement n = Dom.el("div", "notice error");
            n.setAttribute("role", "alert");
            n.appendChild(Dom.text("p", null, state.errorNotice));
            notices.appendChild(n);
        }
    }

    // Streaming: only the answer being written changes, block by block (MarkdownView).

    @Override
    public void started(AppState.Run run) {
        HTMLElement a = (HTMLElement) root.querySelector("article[data-id=\"" + run.messageId + "\"]");
        if (a == null) {
            return;
        }
        streamingArticle = a;
        a.setAttribute("aria-busy", "true");
        a.getClassList().add("streaming");
        HTMLElement body = (HTMLElement) a.querySelector(".content");
        body.clear();
        streaming = new MarkdownView(body);
        streamingThinking = null;
        ((HTMLElement) a.querySelector("footer")).setHidden(true);
        delta(run.content.toString(), run.reasoning.toString());
    }

    @Override
    public void delta(String content, String reasoning) {
        if (streaming == null) {
            return;
        }
        boolean atEnd = nearEnd();
        if (!reasoning.isEmpty()) {
            if (streamingThinking == null) {
                HTMLElement t = thinking("", true);
                streamingArticle.insertBefore(t, streamingArticle.querySelector(".content"));
                streamingThinking = (HTMLElement) t.querySelector(".thinking-text");
            }
            streamingThinking.appendChild(Dom.doc().createTextNode(reasoning));
        }
        if (!content.isEmpty()) {
            streaming.append(content);
        }
        if (atEnd) {
            scrollToEnd();
        }
    }

    @Override
    public void finished() {
        if (streaming != null) {
            streaming.finish();
            streamingArticle.removeAttribute("aria-busy");
        }
        streaming = null;
    }

    private boolean nearEnd() {
        return root.getScrollHeight() - root.getScrollTop() - root.getClientHeight() < 80;
    }

    private void scrollToEnd() {
        root.setScrollTop(root.getScrollHeight());
    }
}
