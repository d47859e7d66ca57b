import { z } from 'zod';
import { scenarioShapeSchema } from './schema.js';

/**
 * The JSON Schema that scenario files reference with `$schema`, for completion and checking in
 * editors. It covers the field-level rules; the cross-field ones (nodes that must exist) are
 * only checked by the simulator.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioShapeSchema, { target: 'draft-2020-12' });
}

/** The exact text of `scenarios/scenario.schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
