package dev.locara.e2e;

/** A long model answer (about 25 KB) of every kind of block an assistant writes, always the same text. */
final class LongAnswer {
    private LongAnswer() {
    }

    static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Here is a first paragraph that stays at the top of the answer, with *emphasis*, `inline code`"
                + " and a [link](https://example.org/docs).\n\n");
        for (int part = 1; part <= 22; part++) {
            sb.append("## Part ").append(part).append(": what to know\n\n");
            sb.append("This section explains step ").append(part).append(" in some detail. It is long enough to wrap"
                    + " over several lines in a narrow window, and it mentions **bold words**, ~~a struck idea~~"
                    + " and numbers such as ").append(part * 37).append(" or ").append(part * 1.5).append(".\n");
            sb.append("A second line of the same paragraph follows, as models often break their lines.\n\n");
            sb.append("- a first point about part ").append(part).append('\n');
            sb.append("- a second point, with `code` in it\n  and a continuation line\n");
            sb.append("- a third point\n  1. a nested numbered item\n  2. another one\n\n");
            sb.append("| Option | Default | Meaning |\n|:-------|--------:|---------|\n");
            for (int row = 0; row < 4; row++) {
                sb.append("| opt").append(part).append(row).append(" | ").append(row * part).append(" | what option ")
                        .append(row).append(" changes |\n");
            }
            sb.append('\n');
            switch (part % 3) {
                case 0 -> sb.append("```java\npublic final class Step").append(part).append(" {\n")
                        .append("    static int twice(int x) {\n        return 2 * x; // \"<b>\" stays text\n    }\n\n")
                        .append("    public static void main(String[] args) {\n")
                        .append("        for (int i = 0; i < ").append(part).append("; i++) {\n")
                        .append("            System.out.println(twice(i));\n        }\n    }\n}\n```\n\n");
                case 1 -> sb.append("```python\ndef step_").append(part).append("(items):\n")
                        .append("    \"\"\"Sum the even items.\"\"\"\n    total = 0\n    for item in items:\n")
                        .append("        if item % 2 == 0:\n            total += item\n    return total\n\n")
                        .append("print(step_").append(part).append("(range(10)))\n```\n\n");
                default -> sb.append("```js\nconst step").append(part).append(" = async (url) => {\n")
                        .append("  const response = await fetch(url);\n  if (!response.ok) {\n")
                        .append("    throw new Error(`HTTP ${response.status}`);\n  }\n  return response.json();\n};\n```\n\n");
            }
            sb.append("> A note on part ").append(part).append(": check the result before moving on.\n\n");
            sb.append("- [x] part ").append(part).append(" read\n- [ ] part ").append(part).append(" tried\n\n");
            sb.append("To sum up part ").append(part).append(", the table above lists the options, the code shows"
                    + " one way to do it, and the list says what matters most. The next part builds on it.\n\n");
        }
        sb.append("That is all: a last paragraph to end the answer.\n");
        return sb.toString();
    }
}
