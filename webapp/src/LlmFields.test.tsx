import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { NodePanel } from './NodePanel';
import type { CanvasNode, FormField, NodeTypeInfo } from './api';
import type { LlmConnection } from './ConnectionsPage';
import type { PromptBlock } from './BlocksPage';
import { apiError, json, mockFetch } from './test/fetchMock';

const field = (name: string, type: string): FormField => ({ name, type, label: name, required: false });

// The llm node's form as GET /api/nodes/ describes it: models a list of {connection, model}, blocks a list of ids.
const llmType: NodeTypeInfo = {
  key: 'llm',
  name: 'LLM',
  category: 'ai',
  description: '',
  trigger: false,
  routes: ['default', 'error'],
  form: [
    field('models', 'list'),
    field('candidates_per_model', 'integer'),
    field('system', 'textarea'),
    field('prompt', 'textarea'),
    field('blocks', 'string_list'),
    field('temperature', 'number'),
    field('stream', 'boolean'),
  ],
};

const connection = (id: string, name: string, models: string[]): LlmConnection => ({
  id,
  name,
  kind: 'openai',
  base_url: `http://${id}.local/v1`,
  secret: '********',
  headers: {},
  models,
  prices: {},
  defaults: {},
});
const block = (id: string, title: string): PromptBlock => ({
  id,
  title,
  content: `${title} text`,
  tags: [],
  folder_path: null,
});

const llmNode: CanvasNode = {
  id: 'n1',
  node_type: 'llm',
  name: 'Angles',
  position: { x: 0, y: 0 },
  routes: ['default', 'error'],
  form_values: {
    models: [{ connection: 'c1', model: 'llama-3-8b' }],
    prompt: 'Three angles on ${input.topic}',
    blocks: ['b1'],
    stream: true,
  },
};

const server = () =>
  mockFetch({
    'GET connections/': () =>
      json({
        connections: [connection('c1', 'Local', ['llama-3-8b', 'qwen-7b']), connection('c2', 'Cloud', ['gpt-x'])],
      }),
    'GET blocks/?q=': () => json([block('b1', 'Tone'), block('b2', 'Audience'), block('b3', 'Format')]),
    'GET blocks/': () => json([block('b1', 'Tone'), block('b2', 'Audience'), block('b3', 'Format')]),
    'GET blocks/?q=aud': () => json({ blocks: [block('b2', 'Audience')], total_count: 1, has_more: false }),
    'PATCH workflow/wf1/nodes/n1/': (request) =>
      json({ ...llmNode, form_values: (request.body as { form_values: unknown }).form_values }),
  });

const models = () => screen.getByRole('group', { name: 'models' });
const chips = () => Array.from(document.querySelectorAll('.block-chips .chip'), (chip) => chip.firstChild!.textContent);

describe("the llm node's panel", () => {
  it("picks a connection, then one of that connection's models, in several rows, and saves them as {connection, model}", async () => {
    const calls = server();
    const onSaved = vi.fn();
    render(<NodePanel workflowId="wf1" node={llmNode} type={llmType} onSaved={onSaved} />);
    const connectionOf = (row: number) => within(models()).getByLabelText(`Connection ${row}`) as HTMLSelectElement;
    const modelOf = (row: number) => within(models()).getByLabelText(`Model ${row}`) as HTMLSelectElement;
    await waitFor(() => expect(connectionOf(1).options).toHaveLength(3));
    expect(connectionOf(1).value).toBe('c1');
    expect(Array.from(modelOf(1).options, (option) => option.value)).toEqual(['llama-3-8b', 'qwen-7b']);

    fireEvent.click(within(models()).getByRole('button', { name: 'Add model' }));
    fireEvent.change(connectionOf(2), { target: { value: 'c2' } });
    expect(Array.from(modelOf(2).options, (option) => option.value)).toEqual(['gpt-x']);
    fireEvent.change(modelOf(1), { target: { value: 'qwen-7b' } });
    expect(screen.getByTestId('panel-unsaved')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const body = calls.callsTo('PATCH')[0].body as { form_values: Record<string, unknown> };
    expect(body.form_values.models).toEqual([
      { connection: 'c1', model: 'qwen-7b' },
      { connection: 'c2', model: 'gpt-x' },
    ]);
    expect(body.form_values.prompt).toBe('Three angles on ${input.topic}');
  });

  it('removes a model row; an empty list is saved as no value', async () => {
    const calls = server();
    render(<NodePanel workflowId="wf1" node={llmNode} type={llmType} onSaved={vi.fn()} />);
    await waitFor(() => expect(screen.getAllByTestId('model-row')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Remove model 1' }));
    expect(screen.queryAllByTestId('model-row')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.callsTo('PATCH')).toHaveLength(1));
    expect((calls.callsTo('PATCH')[0].body as { form_values: Record<string, unknown> }).form_values.models).toBeNull();
  });

  it('shows the blocks as chips by title, adds one found by a search, removes one, and saves the ids in order', async () => {
    const calls = server();
    render(<NodePanel workflowId="wf1" node={llmNode} type={llmType} onSaved={vi.fn()} />);
    await waitFor(() => expect(chips()).toEqual(['Tone']));

    fireEvent.change(screen.getByLabelText('Search blocks'), { target: { value: 'aud' } });
    // The unfiltered list shows Audience too: wait until the search's answer has replaced it.
    await waitFor(() => {
      expect(screen.getByRole('button', { name: '+ Audience' })).toBeTruthy();
      expect(screen.queryByRole('button', { name: '+ Format' })).toBeNull();
    });
    fireEvent.click(screen.getByRole('button', { name: '+ Audience' }));
    expect(chips()).toEqual(['Tone', 'Audience']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Tone' }));
    expect(chips()).toEqual(['Audience']);
    // Back to what was saved: nothing is left unsaved.
    fireEvent.change(screen.getByLabelText('Search blocks'), { target: { value: '' } });
    fireEvent.click(await screen.findByRole('button', { name: '+ Tone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Audience' }));
    expect(chips()).toEqual(['Tone']);
    expect(screen.queryByTestId('panel-unsaved')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Tone' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Audience' }));

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.callsTo('PATCH')).toHaveLength(1));
    expect((calls.callsTo('PATCH')[0].body as { form_values: Record<string, unknown> }).form_values.blocks).toEqual([
      'b2',
    ]);
  });

  it("says why the connections could not be read, in the API's words", async () => {
    mockFetch({
      'GET connections/': () => apiError(403, 'FORBIDDEN', 'This token may not read connections'),
      'GET blocks/?q=': () => json([]),
    });
    render(<NodePanel workflowId="wf1" node={llmNode} type={llmType} onSaved={vi.fn()} />);
    await waitFor(() => expect(within(models()).getByText('This token may not read connections')).toBeTruthy());
    // The stored connection stays chosen, marked as unknown, rather than silently dropped.
    expect((within(models()).getByLabelText('Connection 1') as HTMLSelectElement).value).toBe('c1');
  });

  it('keeps the generic form for other node types with fields of the same names', async () => {
    mockFetch({});
    const other = { ...llmType, key: 'transform' };
    render(<NodePanel workflowId="wf1" node={{ ...llmNode, node_type: 'transform' }} type={other} onSaved={vi.fn()} />);
    expect(screen.queryByRole('group', { name: 'models' })).toBeNull();
    expect((screen.getByLabelText('models') as HTMLTextAreaElement).value).toContain('"llama-3-8b"');
  });
});
