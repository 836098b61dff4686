import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, fieldMessages, itemsOf } from './api';
import { queryKeys } from './query/keys';
import { useChange, useQueryError } from './query/hooks';
import { useFailure } from './useFailure';
import { ErrorLine, ItemField, ItemForm, ListTable } from './ListParts';
import { allows, inWorkspace, type WorkspacePageProps } from './workspaces';

/** A reusable piece of prompt, as the API answers it. */
export interface PromptBlock {
  id: string;
  title: string;
  content: string;
  tags: string[];
  folder_path: string | null;
  created_at?: string;
  updated_at?: string;
  workspace?: string;
}

export interface BlockSearch {
  q?: string;
  tag?: string;
  folder?: string;
}

/** The blocks matching a search (every filter optional), as the list endpoint answers them (a page or an array). */
export async function searchBlocks(search: BlockSearch): Promise<PromptBlock[]> {
  const query = Object.entries(search)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
    .join('&');
  const answer = await call<PromptBlock[] | Record<string, unknown>>('GET', `blocks/${query ? `?${query}` : ''}`);
  return itemsOf(answer, 'blocks');
}

interface Draft {
  title: string;
  content: string;
  tags: string;
  folder_path: string;
}

const SEARCH_FIELDS: [keyof BlockSearch, string][] = [
  ['q', 'Search text'],
  ['tag', 'Tag'],
  ['folder', 'Folder'],
];

const EMPTY: Draft = { title: '', content: '', tags: '', folder_path: '' };

/** Prompt blocks of the current workspace: search by text, tag and folder; create, edit, delete. */
export function BlocksPage({ onUnauthorized, workspace = null, role = null }: WorkspacePageProps) {
  const editable = allows(role, 'editor');
  const [search, setSearch] = useState<Required<BlockSearch>>({ q: '', tag: '', folder: '' });
  const [error, setError] = useState<string | null>(null);
  const fail = useFailure(onUnauthorized, setError);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // Each keystroke searches.
  const found = useQuery({
    queryKey: queryKeys.blockSearch(search),
    queryFn: () => searchBlocks(search),
    placeholderData: keepPreviousData,
  });
  const blocks = inWorkspace(found.data ?? [], workspace);
  const listError = useQueryError(found.error, onUnauthorized);
  const { change } = useChange([queryKeys.blocks()], fail, () => setError(null));

  const open = (block: PromptBlock | null) => {
    setEditing(block ? block.id : 'new');
    setDraft(
      block
        ? {
            title: block.title,
            content: block.content,
            tags: block.tags.join(', '),
            folder_path: block.folder_path ?? '',
          }
        : EMPTY,
    );
    setFieldErrors({});
    setError(null);
  };

  const save = () => {
    const body = {
      title: draft.title,
      content: draft.content,
      tags: draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      folder_path: draft.folder_path.trim() || null,
    };
    change(
      () =>
        editing === 'new'
          ? call('POST', 'blocks/', workspace === null ? body : { ...body, workspace })
          : call('PATCH', `blocks/${editing}/`, body),
      {
        onSuccess: () => setEditing(null),
        onError: (failed) => setFieldErrors(fieldMessages(failed)),
      },
    );
  };

  const remove = (block: PromptBlock) => {
    if (confirm(`Delete the block "${block.title}"?`)) change(() => call('DELETE', `blocks/${block.id}/`));
  };

  const field = (name: keyof Draft, label: string, multiline = false) => (
    <ItemField label={label} error={fieldErrors[name]}>
      {multiline ? (
        <textarea rows={8} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
      ) : (
        <input value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
      )}
    </ItemField>
  );

  return (
    <main className="list manage" aria-label="Blocks">
      <div className="list-tools">
        <h2>Prompt blocks</h2>
        {SEARCH_FIELDS.map(([key, label]) => (
          <input
            key={key}
            placeholder={label}
            aria-label={label}
            value={search[key]}
            onChange={(e) => setSearch({ ...search, [key]: e.target.value })}
          />
        ))}
        <button className="primary" onClick={() => open(null)} disabled={!editable}>
          New block
        </button>
      </div>
      <ErrorLine error={error ?? listError} />
      <ListTable
        headings={['Title', 'Tags', 'Folder', 'Content', '']}
        empty={blocks.length ? null : 'No blocks found.'}
      >
        {blocks.map((block) => (
          <tr key={block.id} data-block-id={block.id}>
            <td>{block.title}</td>
            <td>
              {block.tags.map((tag) => (
                <span key={tag} className="chip">
                  {tag}
                </span>
              ))}
            </td>
            <td>{block.folder_path}</td>
            <td className="preview">{block.content.slice(0, 120)}</td>
            <td className="row-actions">
              <button onClick={() => open(block)} disabled={!editable}>
                Edit
              </button>
              <button onClick={() => remove(block)} disabled={!editable}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </ListTable>
      {editing && (
        <ItemForm
          label="Block"
          title={editing === 'new' ? 'New block' : `Edit ${draft.title}`}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        >
          {field('title', 'Title')}
          {field('content', 'Content', true)}
          {field('tags', 'Tags (comma-separated)')}
          {field('folder_path', 'Folder')}
        </ItemForm>
      )}
    </main>
  );
}
