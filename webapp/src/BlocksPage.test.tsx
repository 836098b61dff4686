import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { BlocksPage, type PromptBlock } from './BlocksPage';
import { apiError, json, mockFetch, noContent } from './test/fetchMock';
import { tableRows } from './test/tableRows';

const tone: PromptBlock = {
  id: 'b1',
  title: 'Tone',
  content: 'Write plainly, for a general reader.',
  tags: ['style', 'voice'],
  folder_path: 'writing/style',
  created_at: '2026-12-01T10:00:00Z',
  updated_at: '2026-12-01T10:00:00Z',
};
const facts: PromptBlock = {
  ...tone,
  id: 'b2',
  title: 'Facts',
  content: 'Cite sources.',
  tags: ['research'],
  folder_path: null,
};

const rows = tableRows;
const form = () => screen.getByRole('form', { name: 'Block' });

describe('BlocksPage', () => {
  it('lists the blocks and searches by text, tag and folder', async () => {
    const server = mockFetch({
      'GET blocks/': () => json({ blocks: [tone, facts], total_count: 2, has_more: false }),
      'GET blocks/?q=plain': () => json([tone]),
      'GET blocks/?q=plain&tag=style': () => json([tone]),
      'GET blocks/?q=plain&tag=style&folder=writing%2Fstyle': () =>
        json({ blocks: [], total_count: 0, has_more: false }),
    });
    render(<BlocksPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(Array.from((rows()[0] as HTMLTableRowElement).cells, (cell) => cell.textContent).slice(0, 3)).toEqual([
      'Tone',
      'stylevoice',
      'writing/style',
    ]);

    fireEvent.change(screen.getByLabelText('Search text'), { target: { value: 'plain' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Tag'), { target: { value: 'style' } });
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: 'writing/style' } });
    await waitFor(() => expect(screen.getByText('No blocks found.')).toBeTruthy());
    expect(server.calls.map((c) => c.path).at(-1)).toBe('blocks/?q=plain&tag=style&folder=writing%2Fstyle');
  });

  it('creates a block with its tags as a list, and edits one', async () => {
    let listed: PromptBlock[] = [];
    const server = mockFetch({
      'GET blocks/': () => json(listed),
      'POST blocks/': () => {
        listed = [tone];
        return json(tone, 201);
      },
      'PATCH blocks/b1/': () => json(tone),
    });
    render(<BlocksPage onUnauthorized={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'New block' }));
    const type = (label: string, value: string) =>
      fireEvent.change(within(form()).getByLabelText(label, { exact: false }), { target: { value } });
    type('Title', 'Tone');
    type('Content', 'Write plainly, for a general reader.');
    type('Tags', 'style, voice');
    type('Folder', 'writing/style');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(rows()[0].textContent).toContain('Tone'));
    expect(server.callsTo('POST')[0].body).toEqual({
      title: 'Tone',
      content: 'Write plainly, for a general reader.',
      tags: ['style', 'voice'],
      folder_path: 'writing/style',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect((within(form()).getByLabelText('Tags', { exact: false }) as HTMLInputElement).value).toBe('style, voice');
    type('Content', 'Write plainly.');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH')).toHaveLength(1));
    expect(server.callsTo('PATCH')[0].body).toMatchObject({ title: 'Tone', content: 'Write plainly.' });
  });

  it("shows a 409 in the API's shape as one line, and deletes a block once confirmed", async () => {
    let listed = [tone];
    const server = mockFetch({
      'GET blocks/': () => json(listed),
      'POST blocks/': () => apiError(409, 'CONFLICT', 'A block titled "Tone" already exists', {}),
      'DELETE blocks/b1/': () => {
        listed = [];
        return noContent();
      },
    });
    render(<BlocksPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'New block' }));
    fireEvent.change(within(form()).getByLabelText('Title'), { target: { value: 'Tone' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('A block titled "Tone" already exists'));

    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByText('No blocks found.')).toBeTruthy());
    expect(server.callsTo('DELETE').map((c) => c.path)).toEqual(['blocks/b1/']);
  });
});
