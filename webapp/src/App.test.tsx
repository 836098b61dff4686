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
const workspace = (name: string, role: string) => ({ name, description: '', created_at: '2025-01-01T00:00:00Z', role });
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
    const server = mockFetch({
      'GET workflow/?limit=1': () => json([]),
      'GET workspaces/': () => json([workspace('default', 'editor')]),
      [`${LIST}&workspace=default`]: () => json(workflows),
    });
    render(<App />);

    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wfo_good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(signInShown()).toBe(false);
    expect(server.calls.map((c) => [c.path, c.authorization])).toEqual([
      ['workflow/?limit=1', 'Bearer wfo_good'],
      ['workspaces/', 'Bearer wfo_good'],
      ['workflow/?limit=500&search=&workspace=default', 'Bearer wfo_good'],
    ]);
  });

  it('goes straight to the list with a stored token', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(signInShown()).toBe(false);
  });

  it('signs out: the token is forgotten, the sign-in shown, and the next token starts at the list', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(screen.getByRole('link', { name: 'Invoices' }));
    expect(location.hash).toBe('#w1');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(signInShown()).toBe(true);
    expect(token.get()).toBeNull();
    expect(location.hash).toBe('');
  });

  it('forgets on sign-out what the last token was shown: the next one never sees its list, even for a moment', async () => {
    token.set('wfo_kept');
    let answer: () => Response | Promise<Response> = () => json(workflows);
    mockFetch({ 'GET workflow/?limit=1': () => json([]), [LIST]: () => answer() });
    render(<App />);
    await screen.findByRole('link', { name: 'Invoices' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    answer = () => new Promise<Response>(() => {});
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'wfo_other' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('button', { name: 'Sign out' });
    await waitFor(() => expect(screen.getByPlaceholderText('Search workflows')).toBeTruthy());
    expect(screen.queryByRole('link', { name: 'Invoices' })).toBeNull();
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

  it('follows the address when it changes without the app: back, forward, a link or a typed hash', async () => {
    token.set('wfo_kept');
    mockFetch({ [LIST]: () => json(workflows) });
    render(<App />);
    await screen.findByRole('link', { name: 'Invoices' });

    location.hash = '#w1';
    fireEvent(window, new HashChangeEvent('hashchange'));
    expect((await screen.findByTestId('editor')).textContent).toContain('Editing w1');

    location.hash = '';
    fireEvent(window, new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
    expect(screen.queryByTestId('editor')).toBeNull();
  });

  it("reopens the workflow of the URL hash on load, and signs out on the editor's 401", async () => {
    token.set('wfo_kept');
    location.hash = '#w7';
    mockFetch({});
    render(<App />);
    expect((await screen.findByTestId('editor')).textContent).toContain('Editing w7');

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

  describe('with workspaces', () => {
    const marketing = { ...workflows[0], id: 'w2', name: 'Newsletter' };
    const routes = (roles: Record<string, string>) => ({
      'GET workspaces/': () => json(Object.entries(roles).map(([name, role]) => workspace(name, role))),
      [`${LIST}&workspace=default`]: () => json(workflows),
      [`${LIST}&workspace=marketing`]: () => json([marketing]),
    });

    it("shows the current workspace's workflows, switches, and keeps the choice for the next visit", async () => {
      token.set('wfo_kept');
      const server = mockFetch(routes({ default: 'editor', marketing: 'viewer' }));
      const { unmount } = render(<App />);
      expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
      expect((screen.getByRole('button', { name: 'New workflow' }) as HTMLButtonElement).disabled).toBe(false);

      fireEvent.change(screen.getByLabelText('Workspace'), { target: { value: 'marketing' } });

      expect(await screen.findByRole('link', { name: 'Newsletter' })).toBeTruthy();
      expect(screen.queryByRole('link', { name: 'Invoices' })).toBeNull();
      expect(server.calls.at(-1)?.path).toBe('workflow/?limit=500&search=&workspace=marketing');
      // A viewer reads: the list offers no change.
      expect((screen.getByRole('button', { name: 'New workflow' }) as HTMLButtonElement).disabled).toBe(true);
      expect((screen.getByRole('button', { name: 'Delete' }) as HTMLButtonElement).disabled).toBe(true);

      unmount();
      render(<App />);
      expect(await screen.findByRole('link', { name: 'Newsletter' })).toBeTruthy();
    });

    it('starts in default when the stored workspace is not one of this token', async () => {
      localStorage.setItem('orchestrator.workspace', 'gone');
      token.set('wfo_kept');
      mockFetch(routes({ marketing: 'editor', default: 'viewer' }));
      render(<App />);
      expect(await screen.findByRole('link', { name: 'Invoices' })).toBeTruthy();
      expect((screen.getByLabelText('Workspace') as HTMLSelectElement).value).toBe('default');
    });

    it('offers the Tokens page to an owner of the current workspace only', async () => {
      token.set('wfo_kept');
      mockFetch({
        ...routes({ default: 'editor', marketing: 'owner' }),
        'GET workspaces/marketing/tokens/': () => json([]),
        'GET tokens/self/': () => json({ id: 't1', name: 'lead', role: 'user', workspaces: { marketing: 'owner' } }),
      });
      render(<App />);
      await screen.findByRole('link', { name: 'Invoices' });
      expect(screen.queryByRole('button', { name: 'Tokens' })).toBeNull();

      fireEvent.change(screen.getByLabelText('Workspace'), { target: { value: 'marketing' } });
      fireEvent.click(await screen.findByRole('button', { name: 'Tokens' }));

      expect(location.hash).toBe('#tokens');
      expect(await screen.findByText('No token has a role here yet.')).toBeTruthy();
      expect(screen.getByRole('heading', { name: 'Tokens of marketing' })).toBeTruthy();
    });

    it('goes back to the list when the workspace changes under an open workflow', async () => {
      token.set('wfo_kept');
      location.hash = '#w1';
      mockFetch(routes({ default: 'editor', marketing: 'editor' }));
      render(<App />);
      await screen.findByTestId('editor');

      fireEvent.change(screen.getByLabelText('Workspace'), { target: { value: 'marketing' } });

      expect(await screen.findByRole('link', { name: 'Newsletter' })).toBeTruthy();
      expect(location.hash).toBe('');
    });
  });
});
