import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionsPage, type LlmConnection } from './ConnectionsPage';
import { apiError, json, mockFetch, noContent } from './test/fetchMock';
import { tableRows } from './test/tableRows';

const local: LlmConnection = {
  id: 'c1',
  name: 'Local llama',
  kind: 'openai',
  base_url: 'http://127.0.0.1:8080/v1',
  secret: '********',
  headers: {},
  models: ['llama-3-8b', 'qwen-7b'],
  prices: { 'llama-3-8b': { input_per_1k: 0.001, output_per_1k: 0.002 } },
  defaults: {},
};

const rows = tableRows;
const form = () => screen.getByRole('form', { name: 'Connection' });
const typeIn = (label: string, value: string) =>
  fireEvent.change(within(form()).getByLabelText(label, { exact: false }), { target: { value } });

describe('ConnectionsPage', () => {
  it('lists the connections, whether the server answers a page or a plain array', async () => {
    mockFetch({ 'GET connections/': () => json({ connections: [local], total_count: 1, has_more: false }) });
    const { unmount } = render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()[0].textContent).toContain('Local llama'));
    expect(rows()[0].textContent).toContain('llama-3-8b, qwen-7b');
    unmount();

    mockFetch({ 'GET connections/': () => json([local]) });
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()[0].textContent).toContain('http://127.0.0.1:8080/v1'));
  });

  it('creates a connection with its secret, models and prices, then lists it', async () => {
    let listed: LlmConnection[] = [];
    const server = mockFetch({
      'GET connections/': () => json(listed),
      'POST connections/': () => {
        listed = [local];
        return json(local, 201);
      },
    });
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(screen.getByText(/No connections yet/)).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'New connection' }));
    typeIn('Name', 'Local llama');
    typeIn('Base URL', 'http://127.0.0.1:8080/v1');
    typeIn('Secret', 'sk-local');
    typeIn('Models', 'llama-3-8b, qwen-7b');
    typeIn('Prices', '{"llama-3-8b": {"input_per_1k": 0.001, "output_per_1k": 0.002}}');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(rows()[0].textContent).toContain('Local llama'));
    expect(server.callsTo('POST')[0].body).toEqual({
      name: 'Local llama',
      kind: 'openai',
      base_url: 'http://127.0.0.1:8080/v1',
      secret: 'sk-local',
      headers: {},
      models: ['llama-3-8b', 'qwen-7b'],
      prices: { 'llama-3-8b': { input_per_1k: 0.001, output_per_1k: 0.002 } },
      defaults: {},
    });
    expect(screen.queryByRole('form', { name: 'Connection' })).toBeNull();
  });

  it('edits a connection without sending its masked secret, so the stored one is kept; a typed one replaces it', async () => {
    const server = mockFetch({
      'GET connections/': () => json([local]),
      'PATCH connections/c1/': () => json(local),
    });
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const secret = within(form()).getByLabelText('Secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('unchanged');
    typeIn('Name', 'Llama on the desk');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH')).toHaveLength(1));
    const body = server.callsTo('PATCH')[0].body as Record<string, unknown>;
    expect(body.name).toBe('Llama on the desk');
    expect(body).not.toHaveProperty('secret');
    expect(body.models).toEqual(['llama-3-8b', 'qwen-7b']);

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Connection' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    typeIn('Secret', 'sk-new');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH')).toHaveLength(2));
    expect((server.callsTo('PATCH')[1].body as Record<string, unknown>).secret).toBe('sk-new');
  });

  it("shows the server's 422 as one line and on the field it names", async () => {
    const server = mockFetch({
      'GET connections/': () => json([]),
      'POST connections/': () =>
        apiError(422, 'VALIDATION_ERROR', 'The connection is not valid', { base_url: 'must be an http(s) URL' }),
    });
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(screen.getByText(/No connections yet/)).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'New connection' }));
    typeIn('Name', 'Broken');
    typeIn('Base URL', 'ftp://nowhere');
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));

    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The connection is not valid: base_url: must be an http(s) URL',
      ),
    );
    expect(within(form()).getByText('must be an http(s) URL').closest('label')!.className).toBe('invalid');
  });

  it('tests a connection: connected with latency, APIs and models, or not connected with the reason', async () => {
    let answer = {
      connected: true,
      latency_ms: 12,
      openai_api: true,
      kobold_api: false,
      models: ['llama-3-8b'],
      model_info: {},
      error: null as string | null,
    };
    const server = mockFetch({
      'GET connections/': () => json([local]),
      'POST connections/c1/test/': () => json(answer),
    });
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await waitFor(() =>
      expect(screen.getByTestId('test-result').textContent).toBe(
        'Connected in 12 ms · OpenAI API · models: llama-3-8b',
      ),
    );
    expect(server.callsTo('POST', 'connections/c1/test/')).toHaveLength(1);

    answer = {
      ...answer,
      connected: false,
      latency_ms: null as unknown as number,
      openai_api: false,
      models: [],
      error: 'Connection refused',
    };
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await waitFor(() =>
      expect(screen.getByTestId('test-result').textContent).toBe('Not connected: Connection refused'),
    );
    expect(screen.getByTestId('test-result').className).toContain('error');
  });

  it('deletes a connection once confirmed; a refused token signs out', async () => {
    let listed = [local];
    const server = mockFetch({
      'GET connections/': () => json(listed),
      'DELETE connections/c1/': () => {
        listed = [];
        return noContent();
      },
    });
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    render(<ConnectionsPage onUnauthorized={vi.fn()} />);
    await waitFor(() => expect(rows()[0].textContent).toContain('Local llama'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByText(/No connections yet/)).toBeTruthy());
    expect(server.callsTo('DELETE')).toHaveLength(1);

    mockFetch({ 'GET connections/': () => apiError(401, 'UNAUTHORIZED', 'Token refused') });
    const onUnauthorized = vi.fn();
    render(<ConnectionsPage onUnauthorized={onUnauthorized} />);
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });
});
