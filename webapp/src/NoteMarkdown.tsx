import { memo, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** A note's Markdown as React elements: text always goes in as text, never as HTML. */
export const NoteMarkdown = memo(function NoteMarkdown({ text }: { text: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <div className="note-markdown">{blocks.map(block)}</div>;
});

function block(item: Block, key: number): ReactNode {
  switch (item.kind) {
    case 'heading': {
      const Tag = `h${item.level + 2}` as 'h3' | 'h4' | 'h5';
      return <Tag key={key}>{inlines(item.children)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{inlines(item.children)}</p>;
    case 'quote':
      return <blockquote key={key}>{inlines(item.children)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{item.text}</code>
        </pre>
      );
    case 'list': {
      const List = item.ordered ? 'ol' : 'ul';
      return (
        <List key={key}>
          {item.items.map((entry, i) => (
            <li key={i}>{inlines(entry)}</li>
          ))}
        </List>
      );
    }
  }
}

function inlines(items: Inline[]): ReactNode[] {
  return items.map((item, key) => {
    switch (item.kind) {
      case 'text':
        return item.text;
      case 'code':
        return <code key={key}>{item.text}</code>;
      case 'strong':
        return <strong key={key}>{inlines(item.children)}</strong>;
      case 'em':
        return <em key={key}>{inlines(item.children)}</em>;
      case 'link':
        return (
          <a key={key} href={item.href} target="_blank" rel="noopener noreferrer nofollow">
            {inlines(item.children)}
          </a>
        );
    }
  });
}
