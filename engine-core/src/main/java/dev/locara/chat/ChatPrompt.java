package dev.locara.chat;

import dev.locara.gguf.GgufFile;
import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.Vocabulary;
import java.util.List;
import java.util.Map;

/**
 * A model's way of turning a conversation into prompt tokens: its chat template (or the built-in
 * format) rendered, then tokenized with special tokens parsed, since the template writes them as text.
 */
public final class ChatPrompt {
    /** The rendered text, its tokens, and whether the template left the model inside a think block. */
    public record Rendered(String text, int[] tokens, boolean opensReasoning) {
    }

    private final ChatTemplate template;
    private final Tokenizer tokenizer;
    private final String bosText;

    public ChatPrompt(ChatTemplate template, Tokenizer tokenizer) {
        this.template = template;
        this.tokenizer = tokenizer;
        Vocabulary v = tokenizer.vocabulary();
        this.bosText = v.bos >= 0 ? v.text(v.bos) : "";
    }

    public static ChatPrompt fromGguf(GgufFile gguf, Tokenizer tokenizer) {
        Vocabulary v = tokenizer.vocabulary();
        ChatTemplate template = new ChatTemplate(gguf.string("tokenizer.chat_template", null),
                gguf.string("general.architecture", ""), v.bos >= 0 ? v.text(v.bos) : "", v.eos >= 0 ? v.text(v.eos) : "");
        return new ChatPrompt(template, tokenizer);
    }

    public ChatTemplate template() {
        return template;
    }

    /**
     * Renders with a generation prompt and tokenizes. Templates that print bos_token themselves get no
     * second BOS: BOS and EOS are added as the vocabulary asks only when the text does not already start with BOS.
     */
    public Rendered render(List<? extends Map<String, ?>> messages) {
        String text = template.render(messages, true);
        boolean hasBos = !bosText.isEmpty() && text.startsWith(bosText);
        int[] tokens = tokenizer.encode(text, !hasBos, true);
        return new Rendered(text, tokens, ReasoningSplitter.promptOpensReasoning(text));
    }
}
