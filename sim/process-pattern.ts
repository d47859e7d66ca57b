/**
 * Whether a process name matches a fault's pattern: the name itself, or a prefix ending in `*`
 * (`log-*`). Fault actions and partitions name processes this way.
 */
export function matchesProcess(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}
