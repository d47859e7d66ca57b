import { describe, expect, it } from 'vitest';
import { placeProxies } from '../../../src/cluster/decisions/placement.js';

describe('placeProxies (§4.9–4.10: the first `count` of cycle(nodes))', () => {
  const cases: { name: string; nodes: string[]; count: number; expected: string[] }[] = [
    { name: 'one proxy on the first node', nodes: ['n1', 'n2', 'n3'], count: 1, expected: ['n1'] },
    { name: 'as many proxies as nodes', nodes: ['n1', 'n2', 'n3'], count: 3, expected: ['n1', 'n2', 'n3'] },
    { name: 'cycles when there are more proxies than nodes', nodes: ['n1', 'n2'], count: 5, expected: ['n1', 'n2', 'n1', 'n2', 'n1'] },
    { name: 'one node takes them all', nodes: ['c'], count: 3, expected: ['c', 'c', 'c'] },
    { name: 'keeps the given node order', nodes: ['n3', 'n1'], count: 3, expected: ['n3', 'n1', 'n3'] },
    { name: 'zero proxies → []', nodes: ['n1'], count: 0, expected: [] },
    { name: 'no nodes → []', nodes: [], count: 2, expected: [] },
    { name: 'no nodes and zero proxies → []', nodes: [], count: 0, expected: [] },
  ];

  it.each(cases)('$name', ({ nodes, count, expected }) => {
    expect(placeProxies(nodes, count)).toEqual(expected);
  });
});
