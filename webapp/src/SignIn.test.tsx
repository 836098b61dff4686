import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SignIn } from './SignIn';
import { token } from './api';
import { apiError, json, mockFetch } from './test/fetchMock';

const typeToken = (value: string) => fireEvent.change(screen.getByLabelText('API token'), { target: { value } });
const signInButton = () => screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;

describe('SignIn', () => {
  it('cannot be submitted without a token', () => {
    render(<SignIn onSignedIn={vi.fn()} />);
    expect(signInButton().disabled).toBe(true);
    typeToken('   ');
    expect(signInButton().disabled).toBe(true);
    typeToken('wfo_x');
    expect(signInButton().disabled).toBe(false);
  });

  it('checks the trimmed token against the server, keeps it and signs in', async () => {
    const server = mockFetch({ 'GET workflow/?limit=1': () => json([]) });
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);

    typeToken('  wfo_good  ');
    fireEvent.click(signInButton());

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(server.calls).toEqual([
      { method: 'GET', path: 'workflow/?limit=1', body: undefined, authorization: 'Bearer wfo_good' },
    ]);
    expect(token.get()).toBe('wfo_good');
    expect(sessionStorage.getItem('orchestrator.token')).toBe('wfo_good');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says clearly that a refused token (401) is not valid, and forgets it', async () => {
    mockFetch({ 'GET workflow/?limit=1': () => apiError(401, 'UNAUTHORIZED', 'Missing or invalid token') });
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);

    typeToken('wfo_bad');
    fireEvent.click(signInButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This token is not valid');
    expect(alert.textContent).toContain('POST /api/tokens/');
    expect(token.get()).toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("shows the server's own message for other errors", async () => {
    mockFetch({ 'GET workflow/?limit=1': () => apiError(503, 'UNAVAILABLE', 'Database is starting') });
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);

    typeToken('wfo_any');
    fireEvent.click(signInButton());

    expect((await screen.findByRole('alert')).textContent).toBe('Database is starting');
    expect(token.get()).toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
