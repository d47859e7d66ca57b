import YAML, { LineCounter, type YAMLError } from 'yaml';
import { plain, quote } from './quote.js';

/**
 * YAML text into plain data, or one problem in words about the file (never about the parser):
 * exactly one document, no tags (a tag asks for a type a scenario has no use for, such as
 * `!!js/function`), aliases that expand modestly. Nothing is printed: the library's warnings
 * become the problem, not a line on stderr.
 */
export type YamlResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly problem: string };

/** Aliases (`*name`) one document may expand: enough for any scenario, too few for a "billion laughs". */
const MAX_ALIASES = 100;
const TOO_DEEP = 'nested too deeply (hundreds of lists or mappings inside each other); a scenario nests a few levels: look for unbalanced brackets';

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError || (e instanceof Error && /Maximum call stack size exceeded/.test(e.message));
}

/** What is wrong at a parse error, in the file's terms. */
function describe(error: YAMLError, text: string): string {
  const source = text.slice(error.pos[0], Math.max(error.pos[0] + 1, Math.min(error.pos[1], error.pos[0] + 40)));
  switch (error.code) {
    case 'RESOURCE_EXHAUSTION':
      return /call stack/.test(error.message) ? TOO_DEEP : 'the file is too large or too repetitive to read';
    case 'TAB_AS_INDENT':
      return 'a tab used for indentation; indent with spaces';
    case 'DUPLICATE_KEY':
      return `the key ${quote(source.split(/[:\n]/)[0]?.trim() ?? source, 40)} appears twice in the same mapping; keep one`;
    case 'UNEXPECTED_TOKEN':
      return `unexpected ${quote(source.split('\n')[0] ?? source, 20)} here`;
    case 'KEY_OVER_1024_CHARS':
      return 'a key longer than 1024 characters (or a ":" missing after a key)';
    default: {
      const first = error.message.split('\n')[0] ?? '';
      // Some messages address the library's users ("please use YAML.parseAllDocuments()"), not a scenario's author.
      return /YAML\.|parse[A-Z]|please use/i.test(first) ? 'this is not valid YAML' : plain(first.replace(/ at line \d+, column \d+:?$/, ''), 200);
    }
  }
}

export function parseYaml(text: string): YamlResult {
  const lines = new LineCounter();
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}: `;
  };
  let docs: ReturnType<typeof YAML.parseAllDocuments>;
  try {
    docs = YAML.parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, logLevel: 'silent', resolveKnownTags: false, uniqueKeys: true });
  } catch (e) {
    return { ok: false, problem: isStackOverflow(e) ? TOO_DEEP : 'this is not valid YAML' };
  }
  // A lone "---" at the end opens a document with nothing in it: not a second scenario.
  const documents = (Array.isArray(docs) ? docs : []).filter((d) => d.contents !== null || d.errors.length > 0);
  const [doc, second] = documents;
  if (doc === undefined) return { ok: false, problem: 'the file is empty: a scenario is a mapping, e.g. "name: my-scenario"' };
  if (second !== undefined) {
    return {
      ok: false,
      problem: `${at(second.range?.[0] ?? 0)}a second YAML document starts here (the file holds ${documents.length}, separated by "---"); a scenario file holds one: put each scenario in its own file`,
    };
  }
  const error = doc.errors[0];
  if (error !== undefined) return { ok: false, problem: `${at(error.pos[0])}${describe(error, text)}` };
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED') ?? doc.warnings[0];
  if (tag !== undefined) {
    const written = text.slice(tag.pos[0], tag.pos[1]).split(/\s/)[0] ?? '';
    return {
      ok: false,
      problem:
        tag.code === 'TAG_RESOLVE_FAILED'
          ? `${at(tag.pos[0])}the tag ${quote(written, 40)} is not supported: a scenario holds plain values (text, numbers, true/false, null, lists and mappings); remove the tag`
          : `${at(tag.pos[0])}${describe(tag, text)}`,
    };
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (e) {
    if (isStackOverflow(e)) return { ok: false, problem: TOO_DEEP };
    const message = e instanceof Error ? e.message : String(e);
    const alias = /Unresolved alias.*: (.*)$/.exec(message);
    if (alias !== null) return { ok: false, problem: `the alias ${quote(`*${alias[1] ?? ''}`, 40)} names no anchor defined before it (&name)` };
    if (/alias count/i.test(message)) return { ok: false, problem: `aliases (*name) expand into too many values (more than ${MAX_ALIASES}); write the values out` };
    return { ok: false, problem: plain(message.split('\n')[0] ?? '', 200) };
  }
}
