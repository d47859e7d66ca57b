import { describe, expect, it } from 'vitest';
import { logPlacement, placementText } from '../../src/report/placement.js';
import { log, tsl, up } from '../cluster/decisions/fixtures.js';

describe('log placement of a published layout', () => {
  it('counts the nodes the logs span and names those holding several', () => {
    const layout = tsl({
      logs: [log('l1'), log('l2'), log('l3')],
      services: [up('l1', 'log', 'n4'), up('l2', 'log', 'n6'), up('l3', 'log', 'n4')],
    });
    const p = logPlacement(layout);
    expect(p).toEqual({ logs: 3, nodes: 2, shared: [{ node: 'n4', logs: ['l1', 'l3'] }] });
    expect(placementText(p)).toBe('3 logs on 2 nodes (n4 holds 2)');
  });

  it('a layout with one log per node shares nothing', () => {
    const layout = tsl({ logs: [log('l1'), log('l2')], services: [up('l1', 'log', 'n4'), up('l2', 'log', 'n5')] });
    expect(placementText(logPlacement(layout))).toBe('2 logs on 2 nodes');
  });
});
