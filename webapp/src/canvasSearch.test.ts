import { describe, expect, it } from 'vitest';
import { searchNodes } from './canvasSearch';

const nodes = [
  { id: '1', name: 'Order received', nodeType: 'manual-trigger' },
  { id: '2', name: 'Check stock', nodeType: 'wait' },
  { id: '3', name: 'Over 100?', nodeType: 'condition' },
  { id: '4', name: 'Approve order', nodeType: 'transform' },
  { id: '5', name: 'Reorder', nodeType: 'transform' },
  { id: '6', name: 'order', nodeType: 'transform' },
];

describe('searching the canvas', () => {
  it('ranks the whole name, then its start, then a word, then anywhere, ignoring case', () => {
    expect(searchNodes(nodes, 'ORDER').map((node) => node.id)).toEqual(['6', '1', '4', '5']);
  });

  it('finds a node by its type when no name matches, and nothing for a blank query', () => {
    expect(searchNodes(nodes, 'condition').map((node) => node.name)).toEqual(['Over 100?']);
    expect(searchNodes(nodes, '   ')).toEqual([]);
    expect(searchNodes(nodes, 'nothing like it')).toEqual([]);
  });

  it('lists at most the limit', () => {
    expect(searchNodes(nodes, 'o', 2)).toHaveLength(2);
  });
});
