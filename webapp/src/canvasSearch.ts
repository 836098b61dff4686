// Finding a node on the canvas by name (or type): what the search box lists, best match first.

export interface Searchable {
  id: string;
  name: string;
  nodeType: string;
}

/** 0 is best: the whole name, then its start, a word's start, anywhere in it, then the type. */
function rank(node: Searchable, query: string): number | undefined {
  const name = node.name.toLowerCase();
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(/[\s_\-.]+/).some((word) => word.startsWith(query))) return 2;
  if (name.includes(query)) return 3;
  if (node.nodeType.toLowerCase().includes(query)) return 4;
  return undefined;
}

export function searchNodes<T extends Searchable>(nodes: T[], query: string, limit = 8): T[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  return nodes
    .map((node) => ({ node, rank: rank(node, wanted) }))
    .filter((hit): hit is { node: T; rank: number } => hit.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.node.name.localeCompare(b.node.name))
    .slice(0, limit)
    .map((hit) => hit.node);
}
