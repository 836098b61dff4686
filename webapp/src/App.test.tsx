import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { token } from './api';
import { apiError, json, mockFetch } from './test/fetchMock';

// The canvas is not under test here: a stand-in shows which workflow App opened and hands back its callbacks.
vi.mock('./Editor', () => ({
  Editor: ({
    workflowId,
    onClose,
    onUnauthorized,
  }: {
    workflowId: string;
    onClose: () => void;
    onUnauthorized: () => void;
  }) => (
    <div data-testid="editor">
      Editing {workflowId}
      <button onClick={onClose}>Close editor</button>
      <button onClick={onUnauthorized}>Editor got 401</button>
    </div>
  ),
}));

const LIST = 'GET workflow/?limit=500&search=';
const workflows = [{ id: 'w1', name: 'Invoices', active: false, version: 1, updated_at: '2025-01-01T00:00:00Z' }];
const signInShown = () => screen.queryByRole('button', { name: 'Sign in' }) !== null;

describe('App', () => {
  it('asks for a token when signed out, and calls nothing', () => {
    const server = mockFetch({});
    render(<App />);
    expect(signInShown()).toBe(true);
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(server.calls).toEqual([]);
  });

  it('shows the workflow list once signed in', async () => {
    const server = mockFetch({ 'GET workflow/?limit=1': () => json([]), [LIST]: () => json(workflows) });
    render(<App />);

    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wfo_good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(signInShown()).toBe(false);
    expect(server.calls.map((c) => [c.path, c.authorization])).toEqual([
      ['workflow/?limit=1', 'Bearer wfo_good'],
      ['workflow/?limit=500&search=', 'Bearer wfo_good'],
    ]);
  });

  it('goes straight to the list with a stored token', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(signInShown()).toBe(false);
  });

  it('signs out: the token is forgotten and the sign-in shown', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(signInShown()).toBe(true);
    expect(token.get()).toBeNull();
  });

  it('returns to the sign-in when the list gets a 401', async () => {
    token.set('wfo_revoked');
    mockFetch({ [LIST]: () => apiError(401, 'UNAUTHORIZED', 'Token revoked') });
    render(<App />);

    await waitFor(() => expect(signInShown()).toBe(true));
    expect(token.get()).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('no longer accepts this token (401)');
  });

  it('says nothing about a refused token after a plain sign-out', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(signInShown()).toBe(true);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('opens a workflow in the editor, keeps its id in the URL hash, and comes back to the list', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);

    fireEvent.click(await screen.findByRole('link', { name: 'Invoices' }));
    expect(screen.getByTestId('editor').textContent).toContain('Editing w1');
    expect(location.hash).toBe('#w1');

    fireEvent.click(screen.getByRole('button', { name: 'Close editor' }));
    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(location.hash).toBe('');

    fireEvent.click(screen.getByRole('link', { name: 'Invoices' }));
    fireEvent.click(screen.getByRole('button', { name: 'Workflow Orchestrator' }));
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(location.hash).toBe('');
  });

  it("reopens the workflow of the URL hash on load, and signs out on the editor's 401", () => {
    token.set('wfo_kept');
    location.hash = '#w7';
    mockFetch({});
    render(<App />);
    expect(screen.getByTestId('editor').textContent).toContain('Editing w7');

    fireEvent.click(screen.getByRole('button', { name: 'Editor got 401' }));

    expect(signInShown()).toBe(true);
    expect(token.get()).toBeNull();
  });

  it("opens the Monitor from the top bar, keeps it in the URL hash, and opens a run's workflow from it", async () => {
    token.set('wfo_kept');
    const run = {
      task_id: 'r1',
      workflow_id: 'w1',
      status: 'SUCCESS',
      trigger: 'manual',
      created_at: '2025-01-01T00:00:00Z',
      started_at: '2025-01-01T00:00:00Z',
      finished_at: '2025-01-01T00:00:01Z',
      duration_ms: 1000,
      parent_run_id: null,
      error: null,
    };
    mockFetch({
      [LIST]: () => json(workflows),
      'GET workflow/?limit=500': () => json(workflows),
      'GET runs/?limit=50': () => json({ runs: [run], total_count: 1, has_more: false, next_cursor: null }),
      'GET runs/r1/': () => json({ ...run, node_executions: [] }),
      'GET artifacts/?run_id=r1&limit=100': () => json({ artifacts: [], total_count: 0, has_more: false }),
    });
    render(<App />);
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(screen.getByRole('button', { name: 'Monitor' }));
    expect(location.hash).toBe('#monitor');
    expect(screen.getByRole('button', { name: 'Monitor' }).className).toBe('current');
    fireEvent.click(await screen.findByRole('button', { name: 'Invoices' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Open workflow' }));

    expect(screen.getByTestId('editor').textContent).toContain('Editing w1');
    expect(location.hash).toBe('#w1');
  });
});
