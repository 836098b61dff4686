import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { TokensPage, type WorkspaceToken } from './TokensPage';
import { token } from './api';
import { apiError, json, mockFetch, noContent, type Route } from './test/fetchMock';
import { tableRows } from './test/tableRows';

const BASE = 'workspaces/marketing/tokens/';
const tokenIn = (id: string, name: string, role: string, more: Partial<WorkspaceToken> = {}): WorkspaceToken => ({
  id,
  name,
  token_prefix: `wfo_${id}`,
  created_at: '2025-01-01T00:00:00Z',
  last_used_at: null,
  expires_at: null,
  revoked_at: null,
  active: true,
  workspaces: { marketing: role as WorkspaceToken['workspaces'][string] },
  ...more,
});
const lead = tokenIn('t1', 'lead', 'owner', { last_used_at: '2025-01-02T10:00:00Z' });
const intern = tokenIn('t2', 'intern', 'viewer');
const old = tokenIn('t3', 'old', 'editor', { active: false, revoked_at: '2025-01-03T00:00:00Z' });

const renderPage = (routes: Record<string, Route>) => {
  token.set('wfo_lead');
  const server = mockFetch({
    'GET tokens/self/': () => json({ id: 't1', name: 'lead', role: 'user', workspaces: { marketing: 'owner' } }),
    ...routes,
  });
  const onUnauthorized = vi.fn();
  render(<TokensPage workspace="marketing" onUnauthorized={onUnauthorized} />);
  return { server, onUnauthorized };
};
const row = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;
const roleOf = (name: string) => screen.getByLabelText(`Role of ${name}`) as HTMLSelectElement;

describe('the tokens page', () => {
  it("lists the workspace's tokens with prefix, role, last use and state; the own token cannot change itself", async () => {
    renderPage({ [`GET ${BASE}`]: () => json([lead, intern, old]) });
    await waitFor(() => expect(tableRows()).toHaveLength(3));

    expect(within(row('intern')).getByText('wfo_t2…')).toBeTruthy();
    expect(roleOf('intern').value).toBe('viewer');
    expect(within(row('intern')).getByText('never')).toBeTruthy();
    expect(within(row('old')).getByText('revoked')).toBeTruthy();
    expect(within(row('intern')).getByText('yes')).toBeTruthy();
    await waitFor(() => expect(roleOf('lead').disabled).toBe(true));
    expect(within(row('lead')).getByText('(this token)')).toBeTruthy();
    expect((within(row('lead')).getByRole('button', { name: 'Remove' }) as HTMLButtonElement).disabled).toBe(true);
    expect(roleOf('intern').disabled).toBe(false);
  });

  it('creates a token with a role and shows its secret once, with a copy button', async () => {
    let tokens = [lead];
    const { server } = renderPage({
      [`GET ${BASE}`]: () => json(tokens),
      [`POST ${BASE}`]: () => {
        tokens = [lead, intern];
        return json({ ...intern, token: 'wfo_secret_of_intern' }, 201);
      },
    });
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await waitFor(() => expect(tableRows()).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const form = screen.getByRole('form', { name: 'Token' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: ' intern ' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.change(within(form).getByLabelText(/Expires in days/), { target: { value: '30' } });
    fireEvent.submit(form);

    const secret = await screen.findByRole('status', { name: 'New token' });
    expect(server.callsTo('POST')[0].body).toEqual({ name: 'intern', role: 'viewer', expires_in_days: 30 });
    expect(within(secret).getByTestId('new-token').textContent).toBe('wfo_secret_of_intern');
    expect(secret.textContent).toContain('it will not be shown again');
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    expect(screen.queryByRole('form', { name: 'Token' })).toBeNull();

    fireEvent.click(within(secret).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('wfo_secret_of_intern');
    expect(await within(secret).findByRole('button', { name: 'Copied' })).toBeTruthy();

    fireEvent.click(within(secret).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('new-token')).toBeNull();
  });

  it("shows the server's message on the field of a refused token", async () => {
    renderPage({
      [`GET ${BASE}`]: () => json([lead]),
      [`POST ${BASE}`]: () =>
        apiError(422, 'VALIDATION_ERROR', 'Invalid request', { name: ['This field is required.'] }),
    });
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    fireEvent.submit(screen.getByRole('form', { name: 'Token' }));
    expect(await screen.findByText('This field is required.', { selector: 'small' })).toBeTruthy();
    expect(screen.queryByTestId('new-token')).toBeNull();
  });

  it("changes a token's role and shows the list as the server then has it", async () => {
    let tokens = [lead, intern];
    const { server } = renderPage({
      [`GET ${BASE}`]: () => json(tokens),
      [`PUT ${BASE}t2/`]: () => {
        tokens = [lead, { ...intern, workspaces: { marketing: 'editor' } }];
        return json(tokens[1]);
      },
    });
    await waitFor(() => expect(tableRows()).toHaveLength(2));

    fireEvent.change(roleOf('intern'), { target: { value: 'editor' } });

    await waitFor(() => expect(roleOf('intern').value).toBe('editor'));
    expect(server.callsTo('PUT')[0].body).toEqual({ role: 'editor' });
  });

  it('removes a token once confirmed', async () => {
    let tokens = [lead, intern];
    const { server } = renderPage({
      [`GET ${BASE}`]: () => json(tokens),
      [`DELETE ${BASE}t2/`]: () => {
        tokens = [lead];
        return noContent();
      },
    });
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);

    fireEvent.click(within(row('intern')).getByRole('button', { name: 'Remove' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('"intern"'));
    expect(server.callsTo('DELETE')).toHaveLength(0);

    confirm.mockReturnValue(true);
    fireEvent.click(within(row('intern')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(server.callsTo('DELETE').map((c) => c.path)).toEqual([`${BASE}t2/`]);
  });

  it("says why a change was refused, in the server's words", async () => {
    renderPage({
      [`GET ${BASE}`]: () => json([lead, intern]),
      [`PUT ${BASE}t2/`]: () => apiError(403, 'FORBIDDEN', 'This needs the role owner in marketing'),
    });
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    fireEvent.change(roleOf('intern'), { target: { value: 'owner' } });
    expect((await screen.findByRole('alert')).textContent).toBe('This needs the role owner in marketing');
  });

  it('signs out on a 401', async () => {
    const { onUnauthorized } = renderPage({ [`GET ${BASE}`]: () => apiError(401, 'UNAUTHORIZED', 'Token revoked') });
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });
});
