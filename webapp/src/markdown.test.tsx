import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';
import { NoteMarkdown } from './NoteMarkdown';

describe('the note Markdown', () => {
  it('reads headings, lists, quotes, code and inline marks', () => {
    expect(parseMarkdown('# Plan\n\nfirst line\nsecond\n\n- a\n- **b**\n1. one\n> said\n```\nx < y\n```')).toEqual([
      { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Plan' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'first line second' }] },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'a' }], [{ kind: 'strong', children: [{ kind: 'text', text: 'b' }] }]],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'one' }]] },
      { kind: 'quote', children: [{ kind: 'text', text: 'said' }] },
      { kind: 'code', text: 'x < y' },
    ]);
    expect(parseInline('a *b* `c` [d](https://e.org)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'em', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'c' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://e.org', children: [{ kind: 'text', text: 'd' }] },
    ]);
  });

  it('keeps only web and mail links', () => {
    expect(safeHref('https://x.org')).toBe('https://x.org');
    expect(safeHref('mailto:a@b.org')).toBe('mailto:a@b.org');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(parseInline('[x](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[x](javascript:alert(1)' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('renders HTML in a note as text: no element, no handler, no script', () => {
    const { container } = render(
      <NoteMarkdown
        text={'<img src=x onerror="window.hacked=1"> **<script>alert(1)</script>** [a](javascript:alert(1))'}
      />,
    );
    expect(container.querySelector('img, script, [onerror]')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('strong')?.textContent).toBe('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror="window.hacked=1">');
  });

  it('renders safe links to open in a new tab without the opener', () => {
    const { container } = render(<NoteMarkdown text="see [docs](https://example.org/a)" />);
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/a');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });
});
