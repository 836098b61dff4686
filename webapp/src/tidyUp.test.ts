import { describe, expect, it } from 'vitest';
import { tidyPositions, type LayoutNode } from './tidyUp';

const node = (id: string, x: number, y: number): LayoutNode => ({ id, position: { x, y }, width: 160, height: 60 });

describe('the tidy-up layout', () => {
  it('puts each node right of the nodes feeding it, and branches one under the other', async () => {
    const nodes = [node('c', 0, 0), node('a', 500, 300), node('b', -40, 90), node('d', 10, 10)];
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'b', target: 'd' },
      { source: 'c', target: 'd' },
    ];
    const at = await tidyPositions(nodes, edges);

    expect(at.a.x).toBeLessThan(at.b.x);
    expect(at.b.x).toBe(at.c.x);
    expect(at.c.x).toBeLessThan(at.d.x);
    expect(Math.abs(at.b.y - at.c.y)).toBeGreaterThanOrEqual(60);
    expect(at.b.x - at.a.x).toBeGreaterThanOrEqual(160);
  });

  it('keeps the top-left corner of the graph where it was', async () => {
    const at = await tidyPositions([node('a', 100, 200), node('b', 900, 50)], [{ source: 'a', target: 'b' }]);
    expect(Math.min(at.a.x, at.b.x)).toBe(100);
    expect(Math.min(at.a.y, at.b.y)).toBe(50);
  });

  it('lays out nodes without edges, and ignores edges to unknown nodes', async () => {
    const at = await tidyPositions([node('a', 0, 0), node('b', 0, 0)], [{ source: 'a', target: 'gone' }]);
    expect(Object.keys(at).sort()).toEqual(['a', 'b']);
    expect(at.a).not.toEqual(at.b);
    expect(await tidyPositions([], [])).toEqual({});
  });
});
