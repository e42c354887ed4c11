// Renders the chat templates in ../shared/chat-templates with @huggingface/jinja (the Jinja
// implementation transformers.js uses) into golden files that ChatTemplateGoldenTest compares the
// Java interpreter with. Nothing is installed into the repository: the package goes to a temporary folder.
//
//   node scripts/chat-template-goldens.mjs [templates-dir]
//
// Outputs web-runtime/src/test/resources/chat-goldens/{cases.json, <template>.<case>.txt | .error}.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const VERSION = '0.5.11';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templates = process.argv[2] ?? join(root, '..', 'shared', 'chat-templates');
const out = join(root, 'web-runtime', 'src', 'test', 'resources', 'chat-goldens');
// Locara's own feature template, rendered like the model templates.
const extra = join(root, 'web-runtime', 'src', 'test', 'resources', 'chat-templates-extra');
const pkgDir = join(process.env.TMPDIR ?? '/tmp', 'locara-jinja-' + VERSION);
if (!existsSync(join(pkgDir, 'node_modules', '@huggingface', 'jinja'))) {
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('npm', ['install', '--no-save', '--prefix', pkgDir, '@huggingface/jinja@' + VERSION], { stdio: 'inherit' });
}
const { Template } = await import(pathToFileURL(join(pkgDir, 'node_modules', '@huggingface', 'jinja', 'dist', 'index.js')));

// The special tokens as each model's tokenizer defines them (the templates print some of them).
const SPECIAL = {
  'Qwen-Qwen2.5-7B-Instruct': { bos_token: '<|endoftext|>', eos_token: '<|im_end|>' },
  'deepseek-ai-DeepSeek-R1-Distill-Qwen-32B': { bos_token: '<｜begin▁of▁sentence｜>', eos_token: '<｜end▁of▁sentence｜>' },
  'google-gemma-2-2b-it': { bos_token: '<bos>', eos_token: '<eos>' },
  'meta-llama-Llama-3.1-8B-Instruct': { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>' },
  'meta-llama-Llama-3.2-3B-Instruct': { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>' },
  'microsoft-Phi-3.5-mini-instruct': { bos_token: '<s>', eos_token: '<|endoftext|>' },
  'mistralai-Mistral-Nemo-Instruct-2407': { bos_token: '<s>', eos_token: '</s>' },
  'locara-features': { bos_token: '<s>', eos_token: '</s>' },
};

// Contents with edge cases on purpose: surrounding whitespace (templates that trim), quotes,
// non-ASCII text, and an earlier assistant turn that kept its reasoning (DeepSeek drops it).
const system = { role: 'system', content: '  You are a concise assistant. Answer in "plain" words.\n' };
const user1 = { role: 'user', content: 'Hello! Wie geht\'s? 🦙 ' };
const assistant = { role: 'assistant', content: '<think>\nThe user greets me.\n</think>\n\nHi there, I am fine.' };
const user2 = { role: 'user', content: '\nWhat is 2 + 2?' };
const conversations = {
  full: [system, user1, assistant, user2],
  nosystem: [user1, assistant, user2],
  single: [{ role: 'user', content: 'Tell me a story.' }],
};
// Llama 3.2 prints today's date through strftime_now: pin it, so the goldens do not change daily.
const TODAY = [2025, 3, 7];
// The renderer's own strftime_now reads the clock: pin "now" to that day.
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [TODAY[0], TODAY[1] - 1, TODAY[2], 12, 0, 0]));
  }
};
const cases = [];
for (const [name, messages] of Object.entries(conversations)) {
  for (const gen of [true, false]) {
    cases.push({ name: name + (gen ? '.gen' : '.nogen'), messages, add_generation_prompt: gen });
  }
}

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) {
  if (f.endsWith('.txt') || f.endsWith('.error')) rmSync(join(out, f));
}
writeFileSync(join(out, 'cases.json'), JSON.stringify({ special: SPECIAL, today: TODAY, cases }, null, 1) + '\n');
const files = [templates, extra].flatMap(dir => readdirSync(dir).filter(f => f.endsWith('.jinja')).map(f => join(dir, f)));
for (const path of files) {
  const id = path.slice(path.lastIndexOf('/') + 1, -'.jinja'.length);
  if (!SPECIAL[id]) throw new Error('No special tokens known for ' + id);
  const template = new Template(readFileSync(path, 'utf8'));
  for (const c of cases) {
    const base = join(out, id + '.' + c.name);
    try {
      writeFileSync(base + '.txt', template.render({ messages: c.messages, add_generation_prompt: c.add_generation_prompt, ...SPECIAL[id] }));
    } catch (e) {
      writeFileSync(base + '.error', e.message + '\n');
    }
  }
}
writeFileSync(join(out, 'README.md'), 'Golden renderings of the chat templates in the shared chat-templates folder (the tests read it as system property'
  + ' locara.templates), produced by `node scripts/chat-template-goldens.mjs`'
  + ' with @huggingface/jinja ' + VERSION + ' (the renderer transformers.js uses); `cases.json` holds the conversations'
  + ' and special tokens, and a `.error` file the message of a template that raises. `locara-features` is Locara\'s own'
  + ' template (../chat-templates-extra) for features the model templates barely use; it avoids the few places where'
  + ' @huggingface/jinja differs from Python\'s Jinja2 (booleans print as true, % and str.strip(chars) as in JavaScript).\n');
