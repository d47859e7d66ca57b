/**
 * Scenario JSON as people write it: objects and lists that fit on one line stay on one line
 * (`{ "at": 8000, "kind": "crash-node", "node": "n5" }`), larger ones are spread over lines.
 */
export function formatScenarioJson(value: unknown, width = 100): string {
  return `${format(value, '', width)}\n`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function format(value: unknown, indent: string, width: number): string {
  const one = inline(value);
  if (indent.length + one.length <= width || value === null || typeof value !== 'object') return one;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner, width)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, width)}`).join(',\n')}\n${indent}}`;
}
