import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchemaText } from './json-schema.js';
import { SCHEMA_FILE, scenariosDir } from './paths.js';

// `npm run schema`: regenerate scenarios/scenario.schema.json from the zod schema.
const file = join(scenariosDir(), SCHEMA_FILE);
writeFileSync(file, scenarioJsonSchemaText());
process.stdout.write(`wrote ${file}\n`);
