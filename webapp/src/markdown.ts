// A small Markdown reader for sticky notes. It builds a tree of plain values that NoteMarkdown
// turns into React elements: no HTML string is ever produced or injected, so a note cannot run a
// script or load anything, whatever its text. It reads the Markdown people write on a note:
// headings, paragraphs, lists, quotes, code blocks, bold, italics, inline code and links.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; text: string };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const FENCE = /^\s*```/;

/** Only links that open a page or a mail: `javascript:`, `data:` and the like stay text. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      endParagraph();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]); i++) code.push(lines[i]);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    const list = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (!line.trim()) {
      endParagraph();
    } else if (heading) {
      endParagraph();
      const level = Math.min(heading[1].length, 3) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, children: parseInline(heading[2]) });
    } else if (list) {
      endParagraph();
      const ordered = NUMBERED.test(line);
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const item = (ordered ? NUMBERED : BULLET).exec(lines[i]);
        if (!item) break;
        items.push(parseInline(item[1]));
      }
      i--;
      blocks.push({ kind: 'list', ordered, items });
    } else if (line.startsWith('>')) {
      endParagraph();
      blocks.push({ kind: 'quote', children: parseInline(line.replace(/^>\s?/, '')) });
    } else {
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  return blocks;
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push({ kind: 'text', text: rest });
      break;
    }
    if (match.index > 0) out.push({ kind: 'text', text: rest.slice(0, match.index) });
    const [whole, code, strong, strong2, em, em2, label, href] = match;
    if (code !== undefined) out.push({ kind: 'code', text: code });
    else if (strong !== undefined || strong2 !== undefined)
      out.push({ kind: 'strong', children: parseInline(strong ?? strong2) });
    else if (em !== undefined || em2 !== undefined) out.push({ kind: 'em', children: parseInline(em ?? em2) });
    else {
      const safe = safeHref(href);
      out.push(safe ? { kind: 'link', href: safe, children: parseInline(label) } : { kind: 'text', text: whole });
    }
    rest = rest.slice(match.index + whole.length);
  }
  return out;
}
