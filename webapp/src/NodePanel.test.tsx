import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NodePanel } from './NodePanel';
import type { CanvasNode, FormField, NodeTypeInfo } from './api';
import { apiError, json, mockFetch } from './test/fetchMock';
import { paintedFrames } from './test/paintedFrames';

const field = (name: string, type: string, extra: Partial<FormField> = {}): FormField => ({
  name,
  type,
  label: name,
  required: false,
  ...extra,
});

const httpType: NodeTypeInfo = {
  key: 'http_request',
  name: 'HTTP request',
  category: 'Actions',
  description: '',
  trigger: false,
  routes: ['default'],
  form: [
    field('url', 'text', { required: true, help: 'Where to send the request' }),
    field('retries', 'number'),
    field('timeout', 'integer'),
    field('follow', 'boolean'),
    field('method', 'choice', { options: ['GET', 'POST'] }),
    field('headers', 'key_value'),
    field('payload', 'json'),
    field('notes', 'textarea'),
    field('when', 'expression'),
    field('api_key', 'secret'),
  ],
};

const httpNode: CanvasNode = {
  id: 'n1',
  node_type: 'http_request',
  name: 'Fetch',
  position: { x: 0, y: 0 },
  routes: ['default'],
  form_values: {
    url: 'https://example.org',
    retries: 3,
    follow: true,
    method: 'POST',
    headers: { Accept: 'text/plain' },
    api_key: '********',
  },
};

const NODE_URL = 'PATCH workflow/wf1/nodes/n1/';

const renderPanel = (node = httpNode, type: NodeTypeInfo | undefined = httpType) => {
  const onSaved = vi.fn();
  render(<NodePanel workflowId="wf1" node={node} type={type} onSaved={onSaved} />);
  return { onSaved };
};

/**
 * The label of a form field (its text starts with the field's label) and the control in it; a field
 * edited in the code editor has its label beside the editor, in the same `.field`.
 */
const labelOf = (label: string) => {
  const found = screen.getAllByText(
    (_, element) =>
      (element?.tagName === 'LABEL' && (element.firstChild?.textContent ?? '') === label) ||
      (element?.classList.contains('field') === true &&
        element.querySelector(':scope > .field-label')?.firstChild?.textContent === label),
  );
  expect(found).toHaveLength(1);
  return found[0] as HTMLLabelElement;
};
const control = <T extends HTMLElement = HTMLInputElement>(label: string) =>
  labelOf(label).querySelector('input, select, textarea') as unknown as T;
const type = (label: string, value: string) => fireEvent.change(control(label), { target: { value } });

describe('NodePanel', () => {
  it("draws one widget per form field, filled with the node's values", () => {
    renderPanel();

    expect(screen.getByRole('heading').textContent).toBe('HTTP request');
    expect(control('Name').value).toBe('Fetch');

    expect(labelOf('url').textContent).toContain('url *');
    expect(labelOf('url').textContent).toContain('Where to send the request');
    expect(control('url').type).toBe('text');
    expect(control('url').value).toBe('https://example.org');

    expect(control('retries').value).toBe('3');
    expect(control('timeout').value).toBe('');

    expect(control('follow').type).toBe('checkbox');
    expect(control('follow').checked).toBe(true);

    const method = control<HTMLSelectElement>('method');
    expect(method.tagName).toBe('SELECT');
    expect([...method.options].map((option) => option.value)).toEqual(['', 'GET', 'POST']);
    expect(method.value).toBe('POST');

    const headers = control<HTMLTextAreaElement>('headers');
    expect(headers.tagName).toBe('TEXTAREA');
    expect(headers.placeholder).toBe('JSON');
    expect(JSON.parse(headers.value)).toEqual({ Accept: 'text/plain' });
    expect(control<HTMLTextAreaElement>('payload').placeholder).toBe('JSON');

    expect(control('notes').tagName).toBe('TEXTAREA');
    expect(control<HTMLTextAreaElement>('notes').placeholder).toBe('');

    expect(control('when').placeholder).toBe('${input.…}');
    expect(control('api_key').type).toBe('password');
    expect(control('api_key').value).toBe('********');
  });

  it('saves with PATCH, each value typed: numbers as numbers, JSON parsed, empty as null', async () => {
    const saved = { ...httpNode, name: 'Fetch more' };
    const server = mockFetch({ [NODE_URL]: () => json(saved) });
    const { onSaved } = renderPanel();

    type('Name', 'Fetch more');
    type('url', 'https://example.org/${input.id}');
    type('retries', '5');
    type('timeout', '${input.timeout}');
    fireEvent.click(control('follow'));
    fireEvent.change(control('method'), { target: { value: 'GET' } });
    type('headers', '{"X-Id": "7"}');
    type('payload', '[1, {"a": null}]');
    type('notes', '  free text ');
    type('when', '${input.count > 2}');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].method).toBe('PATCH');
    expect(server.calls[0].path).toBe('workflow/wf1/nodes/n1/');
    expect(server.calls[0].body).toStrictEqual({
      name: 'Fetch more',
      form_values: {
        url: 'https://example.org/${input.id}',
        retries: 5,
        timeout: '${input.timeout}', // a template stays text in a number field
        follow: false,
        method: 'GET',
        headers: { 'X-Id': '7' },
        payload: [1, { a: null }],
        notes: '  free text ',
        when: '${input.count > 2}',
        api_key: '********', // the mask goes back, so the server keeps the stored secret
      },
      // The node's run settings go along as they are (the defaults for a node that never set them).
      disabled: false,
      retry: { max_attempts: 1, delay_ms: 0, backoff_multiplier: 1 },
      timeout_ms: null,
    });
    expect(screen.getByText('Saved')).toBeTruthy();
  });

  it("sets the node's run settings (retries, timeout, disabled) and shows the server's message on the right one", async () => {
    const server = mockFetch({
      [NODE_URL]: ({ body }) =>
        (body as { retry: { max_attempts: number } }).retry.max_attempts > 10
          ? apiError(422, 'VALIDATION_ERROR', 'The node is not valid', { retry: { max_attempts: 'At most 10.' } })
          : json({
              ...httpNode,
              disabled: true,
              retry: { max_attempts: 3, delay_ms: 500, backoff_multiplier: 2 },
              timeout_ms: 2000,
            }),
    });
    renderPanel({ ...httpNode, retry: { max_attempts: 2, delay_ms: 100, backoff_multiplier: 1.5 }, timeout_ms: 9000 });
    expect(control('Attempts').value).toBe('2');
    expect(control('Timeout (ms)').value).toBe('9000');

    type('Attempts', '11');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(labelOf('Attempts').textContent).toContain('At most 10.'));
    expect(labelOf('Retry delay (ms)').className).toBe('');

    type('Attempts', '3');
    type('Retry delay (ms)', '500');
    type('Backoff multiplier', '2');
    type('Timeout (ms)', '2000');
    fireEvent.click(control('Disabled'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.calls).toHaveLength(2));
    expect(server.calls[1].body).toMatchObject({
      disabled: true,
      retry: { max_attempts: 3, delay_ms: 500, backoff_multiplier: 2 },
      timeout_ms: 2000,
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
  });

  it('sends JSON that does not parse as the text typed, for the server to refuse', async () => {
    const server = mockFetch({ [NODE_URL]: () => json(httpNode) });
    const { onSaved } = renderPanel();

    type('headers', '{"X-Id": ');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect((server.calls[0].body as { form_values: Record<string, unknown> }).form_values.headers).toBe('{"X-Id": ');
  });

  it("shows a 422's field messages on their fields, and clears them after a good save", async () => {
    let answer = () =>
      apiError(422, 'VALIDATION_ERROR', 'Invalid form values', {
        form_values: { url: 'must be an absolute http(s) URL', retries: 'must be at most 10' },
      });
    mockFetch({ [NODE_URL]: () => answer() });
    const { onSaved } = renderPanel();

    type('url', 'example');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(labelOf('url').className).toBe('invalid'));
    expect(labelOf('url').querySelector('small.error')?.textContent).toBe('must be an absolute http(s) URL');
    expect(labelOf('retries').querySelector('small.error')?.textContent).toBe('must be at most 10');
    expect(labelOf('method').className).toBe('');
    expect(labelOf('method').querySelector('.error')).toBeNull();
    expect(screen.getByText(/^Invalid form values: /).textContent).toBe(
      'Invalid form values: form_values.url: must be an absolute http(s) URL; form_values.retries: must be at most 10',
    );
    expect(onSaved).not.toHaveBeenCalled();

    answer = () => json(httpNode);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Saved');
    expect(labelOf('url').className).toBe('');
    expect(document.querySelectorAll('small.error')).toHaveLength(0);
  });

  it("shows a webhook's URL and copies it", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(writeText);
    const webhookType: NodeTypeInfo = { ...httpType, key: 'webhook', name: 'Webhook', form: [field('path', 'text')] };
    renderPanel({ ...httpNode, node_type: 'webhook', form_values: { path: 'orders/new' } }, webhookType);

    const expected = 'http://localhost:3000/api/hooks/orders/new';
    expect(screen.getByText(expected).tagName).toBe('CODE');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(expected);
  });

  it('shows no webhook URL for other nodes, or for a webhook without a path', () => {
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
    expect(screen.queryByText(/api\/hooks/)).toBeNull();
  });

  it("takes the next node's values and drops the last node's errors when the selection changes", async () => {
    mockFetch({ [NODE_URL]: () => apiError(422, 'VALIDATION_ERROR', 'Invalid', { form_values: { url: 'bad' } }) });
    const onSaved = vi.fn();
    const { rerender } = render(<NodePanel workflowId="wf1" node={httpNode} type={httpType} onSaved={onSaved} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(labelOf('url').className).toBe('invalid'));

    const other = { ...httpNode, id: 'n2', name: 'Other', form_values: { url: 'https://other.example' } };
    rerender(<NodePanel workflowId="wf1" node={other} type={httpType} onSaved={onSaved} />);

    await waitFor(() => expect(control('Name').value).toBe('Other'));
    expect(control('url').value).toBe('https://other.example');
    expect(control('retries').value).toBe('');
    expect(labelOf('url').className).toBe('');
    expect(screen.queryByText(/^Invalid/)).toBeNull();
  });

  it("paints a node with its own values from the first frame, never with the last node's or empty ones", () => {
    const { frames, Painted } = paintedFrames(() => `${control('Name').value} ${control('url').value}`);
    const panel = (node: CanvasNode) => (
      <>
        <NodePanel workflowId="wf1" node={node} type={httpType} onSaved={vi.fn()} />
        <Painted />
      </>
    );
    const { rerender } = render(panel(httpNode));
    rerender(panel({ ...httpNode, id: 'n2', name: 'Other', form_values: { url: 'https://other.example' } }));

    expect(frames).toEqual(['Fetch https://example.org', 'Other https://other.example']);
  });

  // Number(text) would make it NaN, which JSON.stringify sends as null: the typed value would be silently dropped
  // (and "Saved" shown if the field is optional) instead of reaching the server, which answers 422 on the field.
  it('sends text that is not a number as typed, so the server can refuse it on the field', async () => {
    const server = mockFetch({ [NODE_URL]: () => json(httpNode) });
    renderPanel();

    type('retries', '3 times');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.calls).toHaveLength(1));
    expect((server.calls[0].body as { form_values: Record<string, unknown> }).form_values.retries).toBe('3 times');
  });

  it('offers what an expression can read, the upstream nodes by name, and adds a pick to the field', () => {
    render(
      <NodePanel
        workflowId="wf1"
        node={httpNode}
        type={httpType}
        onSaved={vi.fn()}
        upstream={[
          { ...httpNode, id: 'u1', name: 'Order received' },
          { ...httpNode, id: 'u2', name: "Bob's step" },
        ]}
      />,
    );
    const hints = screen.getByLabelText('Expression hints');
    expect([...hints.querySelectorAll('button')].map((button) => button.textContent)).toEqual([
      '${input}',
      "${nodes['Order received'].output}",
      "${nodes['Bob\\'s step'].output}",
      '${session}',
      '${run.id}',
    ]);

    type('when', 'x == ');
    fireEvent.click(screen.getByRole('button', { name: "${nodes['Order received'].output}" }));
    expect(control('when').value).toBe("x == ${nodes['Order received'].output}");
    expect(screen.getByTestId('panel-unsaved')).toBeTruthy();
  });

  it("shows a field's list of messages, as the server sends them, as one line", async () => {
    mockFetch({
      [NODE_URL]: () =>
        apiError(422, 'VALIDATION_ERROR', 'The request has invalid fields', {
          retry: { max_attempts: ['Must be between 1 and 10.'] },
          form_values: { url: ['Required.', 'Must be a URL.'] },
        }),
    });
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(labelOf('Attempts').querySelector('.error')!.textContent).toBe('Must be between 1 and 10.'),
    );
    expect(labelOf('url').querySelector('.error')!.textContent).toBe('Required. Must be a URL.');
  });
});
