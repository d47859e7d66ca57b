import { GLOSSARY, type GlossaryEntry } from './glossary.js';
import { SPEC_GROUPS } from './spec-ids.js';

/**
 * The generated parts of docs/: the whole of docs/glossary.md, and the list of spec ids in
 * docs/protocol.md (between the markers below). `node dist/src/report/write-docs.js` rewrites
 * them; a test fails when the files and these sources disagree.
 */

const GENERATED_NOTE = '<!-- Generated from src/report/glossary.ts and src/report/spec-ids.ts by `npm run build && node dist/src/report/write-docs.js`: edit those, not this. -->';
const SPEC_IDS_START = '<!-- spec-ids:start (generated) -->';
const SPEC_IDS_END = '<!-- spec-ids:end -->';

/** Glossary entries in alphabetical order. */
export function sortedGlossary(): GlossaryEntry[] {
  return [...GLOSSARY].sort((a, b) => (a.term < b.term ? -1 : 1));
}

export function glossaryMarkdown(): string {
  const lines = [
    '# Glossary',
    '',
    GENERATED_NOTE,
    '',
    'The words recovery-sim prints, one short paragraph each. The same text is in the terminal:',
    '`recovery-sim explain glossary` prints all of it, `recovery-sim explain <term>` one entry. The',
    'protocol itself is told in [protocol.md](protocol.md).',
    '',
  ];
  for (const e of sortedGlossary()) {
    lines.push(`## ${e.term}`, '', e.text, '');
    if (e.aliases !== undefined && e.aliases.length > 0) lines.push(`Also: ${e.aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
    if (e.shownIn !== undefined && e.shownIn.length > 0) lines.push(`Shown in: ${e.shownIn.map((d) => `\`recovery-sim demo ${d}\``).join(', ')}.`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The spec-id section of docs/protocol.md, markers included. */
function specIdsMarkdown(): string {
  const lines = [SPEC_IDS_START, ''];
  for (const group of SPEC_GROUPS) {
    lines.push(`### ${group.title}`, '', group.intro, '', '| id | meaning |', '|---|---|');
    for (const s of group.ids) lines.push(`| ${s.id} | ${s.meaning.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  lines.push(SPEC_IDS_END);
  return lines.join('\n');
}

/** `protocol` with its spec-id section replaced by the generated one. */
export function withSpecIds(protocol: string): string {
  const start = protocol.indexOf(SPEC_IDS_START);
  const end = protocol.indexOf(SPEC_IDS_END);
  if (start < 0 || end < start) throw new Error(`docs/protocol.md has no ${SPEC_IDS_START} … ${SPEC_IDS_END} section`);
  return protocol.slice(0, start) + specIdsMarkdown() + protocol.slice(end + SPEC_IDS_END.length);
}
