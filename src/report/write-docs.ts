import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../scenario/paths.js';
import { glossaryMarkdown, withSpecIds } from './docs-text.js';

// Regenerate docs/glossary.md and the spec-id list of docs/protocol.md from their sources
// (`npm run build && node dist/src/report/write-docs.js`).
const docs = join(packageRoot(), 'docs');
const glossary = join(docs, 'glossary.md');
writeFileSync(glossary, glossaryMarkdown());
const protocol = join(docs, 'protocol.md');
writeFileSync(protocol, withSpecIds(readFileSync(protocol, 'utf8')));
process.stdout.write(`wrote ${glossary} and the spec ids of ${protocol}\n`);
