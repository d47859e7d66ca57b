import { clusterMemory } from './cluster-memory.js';

// Run in a process of its own, with the heap capped (see `clusterSection` in main.ts): prints the
// figures as one JSON line.
const seconds = Number(process.argv[2] ?? 10_000);
process.stdout.write(`${JSON.stringify(clusterMemory(seconds))}\n`);
