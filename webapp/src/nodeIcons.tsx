import './canvasTools.css';
// One small icon per node type, drawn from a static table of SVG paths. On the canvas an icon is a
// span with the SVG as its background image, not an inline <svg>: a thousand inline <svg>s made
// every frame of a pan regroup them into layers (docs/PERFORMANCE.md, issue #15: 51 frames over 50 ms
// against 7 without icons), while a background image is decoded once per type and painted like text.
// A type without its own icon takes its category's.

/** Paths on a 16×16 grid, drawn with a stroke. */
const ICONS: Record<string, string> = {
  'manual-trigger': 'M5 3l8 5-8 5z',
  webhook: 'M8 2a3 3 0 0 1 1.5 5.6L12 12M4 12a3 3 0 1 0 4-2.8M12 12a3 3 0 1 0-1-5.8',
  schedule: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM8 5v3l2 2',
  'http-request': 'M2 8h12M8 2a9 9 0 0 1 0 12M8 2a9 9 0 0 0 0 12M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z',
  transform: 'M3 5h8l-2-2M13 11H5l2 2',
  condition: 'M8 2l6 6-6 6-6-6z',
  switch: 'M2 8h4l4-5h4M6 8h8M6 8l4 5h4',
  merge: 'M2 3l5 5-5 5M7 8h7',
  wait: 'M4 2h8M4 14h8M5 2c0 4 6 4 6 6s-6 2-6 6M11 2c0 4-6 4-6 6',
  'set-session': 'M3 3h10v10H3zM6 3v4h4V3',
  'respond-webhook': 'M13 4v4H4M7 5L4 8l3 3',
  'sub-workflow': 'M2 3h5v4H2zM9 9h5v4H9zM4.5 7v4H9',
  'queue-reader': 'M2 4h12M2 8h12M2 12h7M12 10l2 2-2 2',
  'queue-writer': 'M2 4h12M2 8h12M2 12h7M14 10l-2 2 2 2',
  llm: 'M8 2l1.5 4.5L14 8l-4.5 1.5L8 14l-1.5-4.5L2 8l4.5-1.5z',
  'human-input': 'M8 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM3 14c0-3 2-5 5-5s5 2 5 5',
  command: 'M2 3h12v10H2zM4 6l2 2-2 2M8 10h4',
};

const CATEGORY_ICONS: Record<string, string> = {
  trigger: ICONS['manual-trigger'],
  logic: ICONS.condition,
  action: 'M9 2L4 9h4l-1 5 5-7H8z',
};

const FALLBACK = 'M3 3h10v10H3z';

export function iconPath(nodeType: string, category?: string): string {
  return ICONS[nodeType] ?? (category && CATEGORY_ICONS[category]) ?? FALLBACK;
}

const ICON_COLOR = '#495057';
const images = new Map<string, { backgroundImage: string }>();

/** The icon as a CSS background: one data URL per path, made once and shared by every node of the type. */
export function iconStyle(path: string): { backgroundImage: string } {
  let style = images.get(path);
  if (!style) {
    const svg =
      `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16' fill='none' stroke='${ICON_COLOR}'` +
      ` stroke-width='1.5' stroke-linecap='round' stroke-linejoin='round'><path d='${path}'/></svg>`;
    style = { backgroundImage: `url("data:image/svg+xml,${encodeURIComponent(svg)}")` };
    images.set(path, style);
  }
  return style;
}

/** The icon of a node type, as its nodes, the palette and the search show it. */
export function NodeIcon({ nodeType, category }: { nodeType: string; category?: string }) {
  return <span className="node-icon" style={iconStyle(iconPath(nodeType, category))} aria-hidden="true" />;
}
