package dev.locara.chat;

import dev.locara.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a conversation into the prompt text a model was trained on: the GGUF's own
 * tokenizer.chat_template when this interpreter can run it, else the built-in format of the
 * model's architecture, with a warning saying why.
 */
public final class ChatTemplate {
    private final JinjaTemplate template;
    private final ChatFormat fallback;
    private final String bosToken;
    private final String eosToken;
    private final List<String> warnings = new ArrayList<>();
    private boolean usingFallback;
    private int[] today; // {year, month 1-12, day}, for templates that print the date; none: they use their own default

    /**
     * @param source       the model's chat template, or null when it has none
     * @param architecture general.architecture, which picks the built-in format
     * @param bosToken     the text of the BOS token ("" when the vocabulary has none)
     * @param eosToken     the text of the EOS token
     */
    public ChatTemplate(String source, String architecture, String bosToken, String eosToken) {
        this.fallback = ChatFormat.forArchitecture(architecture);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        JinjaTemplate parsed = null;
        if (source == null || source.isEmpty()) {
            warnings.add("The model has no chat template; using the built-in " + fallbackName() + " format.");
        } else {
            try {
                parsed = JinjaTemplate.parse(source);
            } catch (TemplateException e) {
                warnings.add(e.getMessage() + ". Using the built-in " + fallbackName() + " format instead.");
            }
        }
        this.template = parsed;
        this.usingFallback = parsed == null;
    }

    private String fallbackName() {
        return fallback.name().toLowerCase();
    }

    /** Gives templates strftime_now (as transformers does), which Llama 3.2 uses to print today's date. */
    public void setToday(int year, int month, int day) {
        this.today = new int[] {year, month, day};
    }

    /** strftime_now(format) for one fixed day (time of day 00:00); %Y %m %d %b %B %H %M %% as in Python. */
    static Object strftimeNow(int year, int month, int day) {
        String[] names = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"};
        return (Values.Callable) (args, kw) -> {
            String format = args.isEmpty() ? "" : Values.str(args.get(0));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 == format.length()) {
                    sb.append(c);
                    continue;
                }
                char f = format.charAt(++i);
                switch (f) {
                    case 'Y': sb.append(year); break;
                    case 'm': sb.append(month < 10 ? "0" : "").append(month); break;
                    case 'd': sb.append(day < 10 ? "0" : "").append(day); break;
                    case 'b': sb.append(names[month - 1], 0, 3); break;
                    case 'B': sb.append(names[month - 1]); break;
                    case 'H': case 'M': sb.append("00"); break;
                    case '%': sb.append('%'); break;
                    default: sb.append('%').append(f);
                }
            }
            return sb.toString();
        };
    }

    /** Why the model's own template is not used, if it is not; for the UI to show. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public boolean usesBuiltInFormat() {
        return usingFallback;
    }

    /**
     * @param messages {role, content} maps (more keys are passed through to the template)
     * @throws TemplateException RAISED when the template rejects the conversation (e.g. a system role it
     *                           does not support), RUNTIME when it fails on these values
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        if (today != null) {
            context.put("strftime_now", strftimeNow(today[0], today[1], today[2]));
        }
        if (template != null && !usingFallback) {
            try {
                return template.render(context);
            } catch (TemplateException e) {
                if (e.kind() != TemplateException.Kind.UNSUPPORTED) {
                    throw e;
                }
                usingFallback = true;
                warnings.add(e.getMessage() + ". Using the built-in " + fallbackName() + " format instead.");
            }
        }
        return JinjaTemplate.parse(fallback.template).render(context);
    }

    /** Messages from the JSON text of an OpenAI-style array; bad input gets an IllegalArgumentException saying what. */
    public static List<Map<String, Object>> parseMessages(String json) {
        List<?> list = checkMessages(Json.parse(json, null));
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                copy.put(String.valueOf(e.getKey()), e.getValue());
            }
            messages.add(copy);
        }
        return messages;
    }

    /**
     * Checks a parsed message list, a non-empty array of objects with string {@code role} and
     * {@code content}: the page checks a request with it before sending, the worker again on arrival.
     */
    public static List<?> checkMessages(Object parsed) {
        if (!(parsed instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("'messages' is required: a non-empty array of {role, content}.");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("messages[" + i + "] must be an object {role, content}.");
            }
            if (!(m.get("role") instanceof String)) {
                throw new IllegalArgumentException("messages[" + i + "].role must be a string such as 'user'.");
            }
            if (!(m.get("content") instanceof String)) {
                throw new IllegalArgumentException("messages[" + i + "].content must be a string.");
            }
        }
        return list;
    }
}
