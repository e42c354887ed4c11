package dev.locara.chat;

/**
 * Built-in chat formats, for models whose GGUF has no chat template or one this interpreter cannot
 * run. Each is written as a small Jinja template so it goes through the same renderer; the turn
 * markers are those of the model family's own template.
 */
public enum ChatFormat {
    CHATML("{%- for m in messages %}{{- '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}{%- endfor %}"
            + "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"),
    LLAMA3("{{- bos_token }}{%- for m in messages %}"
            + "{{- '<|start_header_id|>' + m.role + '<|end_header_id|>\\n\\n' + m.content | trim + '<|eot_id|>' }}{%- endfor %}"
            + "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}"),
    // Gemma has no system role: like llama.cpp, put the system text at the start of the first user turn.
    GEMMA("{{- bos_token }}{%- set ns = namespace(system='') %}{%- for m in messages %}"
            + "{%- if m.role == 'system' %}{%- set ns.system = m.content | trim + '\\n\\n' %}"
            + "{%- else %}{{- '<start_of_turn>' + ('model' if m.role == 'assistant' else m.role) + '\\n' + ns.system"
            + " + m.content | trim + '<end_of_turn>\\n' }}{%- set ns.system = '' %}{%- endif %}{%- endfor %}"
            + "{%- if add_generation_prompt %}{{- '<start_of_turn>model\\n' }}{%- endif %}"),
    PHI3("{%- for m in messages %}{{- '<|' + m.role + '|>\\n' + m.content + '<|end|>\\n' }}{%- endfor %}"
            + "{%- if add_generation_prompt %}{{- '<|assistant|>\\n' }}{%- endif %}");

    final String template;

    ChatFormat(String template) {
        this.template = template;
    }

    /** The family format for a GGUF general.architecture. */
    public static ChatFormat forArchitecture(String architecture) {
        switch (architecture == null ? "" : architecture) {
            case "llama":
                return LLAMA3;
            case "gemma":
            case "gemma2":
            case "gemma3":
                return GEMMA;
            case "phi3":
                return PHI3;
            default:
                return CHATML; // qwen2, qwen3 and most recent small models speak ChatML
        }
    }
}
