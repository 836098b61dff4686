import { fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { useWorkspaces } from './useWorkspaces';
import { token } from './api';
import { apiError, json, mockFetch } from './test/fetchMock';

const workspace = (name: string, role: string) => ({ name, description: '', created_at: '2025-01-01T00:00:00Z', role });

/** The switcher as the header has it: on the workspaces of the signed-in token, showing which is current. */
function Header({ onUnauthorized = () => {} }: { onUnauthorized?: () => void }) {
  const workspaces = useWorkspaces(onUnauthorized);
  return (
    <>
      <WorkspaceSwitcher {...workspaces} />
      <output data-testid="current">{workspaces.current ?? 'none'}</output>
    </>
  );
}

const picker = () => screen.getByLabelText('Workspace') as HTMLSelectElement;
const options = () => [...picker().options].map((option) => option.textContent);

describe('the workspace switcher', () => {
  it('lists the workspaces with the role of the token in each, and starts in default', async () => {
    token.set('wfo_t');
    mockFetch({ 'GET workspaces/': () => json([workspace('marketing', 'owner'), workspace('default', 'viewer')]) });
    render(<Header />);

    await waitFor(() => expect(options()).toEqual(['marketing (owner)', 'default (viewer)']));
    expect(picker().value).toBe('default');
    expect(screen.queryByRole('button', { name: 'New workspace…' })).toBeNull();
  });

  it('starts in the first workspace when default is not among them, and keeps a choice in localStorage', async () => {
    token.set('wfo_t');
    mockFetch({ 'GET workspaces/': () => json([workspace('ops', 'editor'), workspace('sales', 'viewer')]) });
    render(<Header />);
    await waitFor(() => expect(picker().value).toBe('ops'));

    fireEvent.change(picker(), { target: { value: 'sales' } });

    expect(screen.getByTestId('current').textContent).toBe('sales');
    expect(localStorage.getItem('orchestrator.workspace')).toBe('sales');
  });

  it('shows nothing and filters nothing on a server without workspaces', async () => {
    token.set('wfo_t');
    const server = mockFetch({});
    render(<Header />);
    await waitFor(() => expect(server.calls).toHaveLength(1));
    expect(screen.getByTestId('current').textContent).toBe('none');
    expect(screen.queryByLabelText('Workspace')).toBeNull();
  });

  it('signs out when the token is refused', async () => {
    token.set('wfo_t');
    mockFetch({ 'GET workspaces/': () => apiError(401, 'UNAUTHORIZED', 'Token revoked') });
    const onUnauthorized = vi.fn();
    render(<Header onUnauthorized={onUnauthorized} />);
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });

  it('lets an admin create a workspace, then switches to it', async () => {
    token.set('wfo_admin');
    let created = false;
    const server = mockFetch({
      'GET workspaces/': () =>
        json([workspace('default', 'admin'), ...(created ? [workspace('marketing', 'admin')] : [])]),
      'POST workspaces/': () => {
        created = true;
        return json(workspace('marketing', 'admin'), 201);
      },
    });
    render(<Header />);
    fireEvent.click(await screen.findByRole('button', { name: 'New workspace…' }));
    const form = screen.getByRole('form', { name: 'New workspace' });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'marketing' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Newsletters' } });
    fireEvent.submit(form);

    await waitFor(() => expect(picker().value).toBe('marketing'));
    expect(server.callsTo('POST')[0].body).toEqual({ name: 'marketing', description: 'Newsletters' });
    expect(options()).toEqual(['default (admin)', 'marketing (admin)']);
    expect(screen.queryByRole('form', { name: 'New workspace' })).toBeNull();
  });

  it("shows the server's message on the name field for a refused name, and in a line for a taken one", async () => {
    token.set('wfo_admin');
    let answer = () =>
      apiError(422, 'VALIDATION_ERROR', 'Invalid request', { name: ['Use 1 to 64 lower-case letters'] });
    mockFetch({ 'GET workspaces/': () => json([workspace('default', 'admin')]), 'POST workspaces/': () => answer() });
    render(<Header />);
    fireEvent.click(await screen.findByRole('button', { name: 'New workspace…' }));
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Bad Name' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New workspace' }));
    expect(await screen.findByText('Use 1 to 64 lower-case letters')).toBeTruthy();

    answer = () => apiError(409, 'CONFLICT', "A workspace named 'default' exists already");
    fireEvent.submit(screen.getByRole('form', { name: 'New workspace' }));
    expect((await screen.findByRole('alert')).textContent).toBe("A workspace named 'default' exists already");
    expect(screen.queryByText('Use 1 to 64 lower-case letters')).toBeNull();
  });
});
