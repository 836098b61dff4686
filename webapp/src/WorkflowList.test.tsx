import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { WorkflowList } from './WorkflowList';
import { token, type Workflow } from './api';
import { contentTypeOf, apiError, json, mockFetch, noContent } from './test/fetchMock';

const ALL = 'workflow/?limit=500&search=';
const invoices: Workflow = {
  id: 'w1',
  name: 'Invoices',
  active: false,
  version: 3,
  updated_at: '2025-01-02T10:00:00Z',
};
const reports: Workflow = { id: 'w2', name: 'Reports', active: true, version: 1, updated_at: '2025-01-03T10:00:00Z' };

const renderList = () => {
  token.set('wfo_t');
  const props = { onOpen: vi.fn(), onUnauthorized: vi.fn() };
  render(<WorkflowList {...props} />);
  return props;
};
const row = (name: string) => screen.getByRole('link', { name }).closest('tr') as HTMLElement;
const activeBox = (name: string) => within(row(name)).getByRole('checkbox', { name: 'active' }) as HTMLInputElement;

describe('WorkflowList', () => {
  it('lists the workflows of GET workflow/ with their state and version', async () => {
    const server = mockFetch({ [`GET ${ALL}`]: () => json([invoices, reports]) });
    renderList();

    await screen.findByRole('link', { name: 'Invoices' });
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${ALL}`]);
    expect(activeBox('Invoices').checked).toBe(false);
    expect(activeBox('Reports').checked).toBe(true);
    expect(within(row('Invoices')).getByText('3')).toBeTruthy();
    expect(screen.queryByText(/No workflows yet/)).toBeNull();
  });

  it('says so when there is no workflow', async () => {
    mockFetch({ [`GET ${ALL}`]: () => json([]) });
    renderList();
    expect(await screen.findByText('No workflows yet: create one.')).toBeTruthy();
  });

  it('searches on the server, the term URL-encoded', async () => {
    const server = mockFetch({
      [`GET ${ALL}`]: () => json([invoices, reports]),
      'GET workflow/?limit=500&search=rep%20%26%20co': () => json([reports]),
    });
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.change(screen.getByPlaceholderText('Search workflows'), { target: { value: 'rep & co' } });

    await waitFor(() => expect(screen.queryByRole('link', { name: 'Invoices' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Reports' })).toBeTruthy();
    expect(server.calls.at(-1)?.path).toBe('workflow/?limit=500&search=rep%20%26%20co');
  });

  it('opens a workflow from its name', async () => {
    mockFetch({ [`GET ${ALL}`]: () => json([invoices]) });
    const { onOpen } = renderList();
    fireEvent.click(await screen.findByRole('link', { name: 'Invoices' }));
    expect(onOpen).toHaveBeenCalledWith('w1');
  });

  it('creates a workflow with the prompted name and opens it', async () => {
    const server = mockFetch({
      [`GET ${ALL}`]: () => json([]),
      'POST workflow/': () => json({ ...invoices, id: 'w9', name: 'Payroll' }, 201),
    });
    const prompt = vi.fn(() => 'Payroll');
    vi.stubGlobal('prompt', prompt);
    const { onOpen } = renderList();
    await screen.findByText(/No workflows yet/);

    fireEvent.click(screen.getByRole('button', { name: 'New workflow' }));

    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('w9'));
    expect(prompt).toHaveBeenCalledWith('Name of the new workflow');
    expect(server.callsTo('POST')).toEqual([
      { method: 'POST', path: 'workflow/', body: { name: 'Payroll' }, authorization: 'Bearer wfo_t' },
    ]);
  });

  it('creates nothing when the name prompt is cancelled', async () => {
    const server = mockFetch({ [`GET ${ALL}`]: () => json([]) });
    vi.stubGlobal(
      'prompt',
      vi.fn(() => null),
    );
    const { onOpen } = renderList();
    await screen.findByText(/No workflows yet/);

    fireEvent.click(screen.getByRole('button', { name: 'New workflow' }));
    await Promise.resolve();

    expect(server.callsTo('POST')).toEqual([]);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('activates an inactive workflow and deactivates an active one with PATCH, then reloads', async () => {
    const server = mockFetch({
      [`GET ${ALL}`]: () => json([invoices, reports]),
      'PATCH workflow/w1/': () => json({ ...invoices, active: true }),
      'PATCH workflow/w2/': () => json({ ...reports, active: false }),
    });
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(activeBox('Invoices'));
    await waitFor(() => expect(server.callsTo('GET')).toHaveLength(2));
    fireEvent.click(activeBox('Reports'));
    await waitFor(() => expect(server.callsTo('GET')).toHaveLength(3));

    expect(server.callsTo('PATCH').map((c) => [c.path, c.body])).toEqual([
      ['workflow/w1/', { active: true }],
      ['workflow/w2/', { active: false }],
    ]);
  });

  it('renames with PATCH {name} from a prompt that starts with the current name, then reloads', async () => {
    let renamed = false;
    const server = mockFetch({
      [`GET ${ALL}`]: () => json([renamed ? { ...invoices, name: 'Invoices 2026' } : invoices]),
      'PATCH workflow/w1/': () => {
        renamed = true;
        return json({ ...invoices, name: 'Invoices 2026' });
      },
    });
    const prompt = vi.fn(() => 'Invoices 2026');
    vi.stubGlobal('prompt', prompt);
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(within(row('Invoices')).getByRole('button', { name: 'Rename' }));

    expect(await screen.findByRole('link', { name: 'Invoices 2026' })).toBeTruthy();
    expect(prompt).toHaveBeenCalledWith('New name', 'Invoices');
    expect(server.callsTo('PATCH').map((c) => [c.path, c.body])).toEqual([['workflow/w1/', { name: 'Invoices 2026' }]]);
  });

  it('renames nothing when the prompt is cancelled or the name is unchanged', async () => {
    const server = mockFetch({ [`GET ${ALL}`]: () => json([invoices]) });
    vi.stubGlobal('prompt', vi.fn().mockReturnValueOnce(null).mockReturnValueOnce('Invoices'));
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });
    fireEvent.click(within(row('Invoices')).getByRole('button', { name: 'Rename' }));
    fireEvent.click(within(row('Invoices')).getByRole('button', { name: 'Rename' }));
    await act(async () => {});
    expect(server.callsTo('PATCH')).toEqual([]);
  });

  it('deletes nothing when the confirmation is refused', async () => {
    const server = mockFetch({ [`GET ${ALL}`]: () => json([invoices]) });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(within(row('Invoices')).getByRole('button', { name: 'Delete' }));
    await Promise.resolve();

    expect(confirm).toHaveBeenCalledWith('Delete "Invoices" with its nodes and runs?');
    expect(server.callsTo('DELETE')).toEqual([]);
    expect(screen.getByRole('link', { name: 'Invoices' })).toBeTruthy();
  });

  it('deletes after confirmation and reloads the list', async () => {
    let stored = [invoices, reports];
    const server = mockFetch({
      [`GET ${ALL}`]: () => json(stored),
      'DELETE workflow/w1/': () => {
        stored = [reports];
        return noContent();
      },
    });
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    renderList();
    await screen.findByRole('link', { name: 'Invoices' });

    fireEvent.click(within(row('Invoices')).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: 'Invoices' })).toBeNull());
    expect(server.callsTo('DELETE').map((c) => c.path)).toEqual(['workflow/w1/']);
    expect(screen.getByRole('link', { name: 'Reports' })).toBeTruthy();
  });

  it('hands a 401 to onUnauthorized instead of showing it', async () => {
    mockFetch({ [`GET ${ALL}`]: () => apiError(401, 'UNAUTHORIZED', 'Authentication required') });
    const { onUnauthorized } = renderList();
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other errors with their field details', async () => {
    mockFetch({
      [`GET ${ALL}`]: () => json([]),
      'POST workflow/': () =>
        apiError(422, 'VALIDATION_ERROR', 'Invalid workflow', { name: 'must be at most 200 characters' }),
    });
    vi.stubGlobal(
      'prompt',
      vi.fn(() => 'x'.repeat(300)),
    );
    const { onOpen, onUnauthorized } = renderList();
    await screen.findByText(/No workflows yet/);

    fireEvent.click(screen.getByRole('button', { name: 'New workflow' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Invalid workflow: name: must be at most 200 characters',
    );
    expect(onOpen).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  // Answers can arrive out of order: a slow one for an older search term must not replace the list of the term
  // now in the box.
  it('keeps the results of the latest search when an older search answers last', async () => {
    const alpha: Workflow = { ...invoices, id: 'w3', name: 'Alpha' };
    const abacus: Workflow = { ...invoices, id: 'w4', name: 'Abacus' };
    let answerSlowSearch!: (response: Response) => void;
    mockFetch({
      [`GET ${ALL}`]: () => json([]),
      'GET workflow/?limit=500&search=a': () =>
        new Promise<Response>((resolve) => {
          answerSlowSearch = resolve;
        }),
      'GET workflow/?limit=500&search=ab': () => json([abacus]),
    });
    renderList();
    const search = screen.getByPlaceholderText('Search workflows');
    fireEvent.change(search, { target: { value: 'a' } });
    fireEvent.change(search, { target: { value: 'ab' } });
    await screen.findByRole('link', { name: 'Abacus' });

    await act(async () => answerSlowSearch(json([alpha])));

    expect(screen.queryByRole('link', { name: 'Alpha' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Abacus' })).toBeTruthy();
  });

  it('imports a YAML or JSON workflow file as a new workflow and opens it', async () => {
    const yaml = 'name: Angles\nnodes: []\nedges: []\n';
    const server = mockFetch({
      [`GET ${ALL}`]: () => json([]),
      'POST workflow/import/': () => json({ ...invoices, id: 'w5', name: 'Angles' }, 201),
    });
    const { onOpen } = renderList();
    await screen.findByText(/No workflows yet/);
    const picker = screen.getByLabelText('Import a workflow file');

    fireEvent.change(picker, { target: { files: [new File([yaml], 'angles.yaml', { type: '' })] } });
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('w5'));
    const [imported] = server.callsTo('POST', 'workflow/import/');
    expect(imported.body).toBe(yaml);
    expect(contentTypeOf(imported)).toBe('application/yaml');

    fireEvent.change(picker, {
      target: { files: [new File(['{"name": "Angles"}'], 'angles.json', { type: 'application/json' })] },
    });
    await waitFor(() => expect(server.callsTo('POST', 'workflow/import/')).toHaveLength(2));
    expect(contentTypeOf(server.callsTo('POST', 'workflow/import/')[1])).toBe('application/json');
  });

  it("shows why an import was refused, in the API's words", async () => {
    mockFetch({
      [`GET ${ALL}`]: () => json([]),
      'POST workflow/import/': () =>
        apiError(400, 'INVALID_REQUEST', 'The YAML is not valid', {
          line: 3,
          problem: 'mapping values are not allowed here',
        }),
    });
    const { onOpen } = renderList();
    await screen.findByText(/No workflows yet/);
    fireEvent.change(screen.getByLabelText('Import a workflow file'), {
      target: { files: [new File(['a: b: c'], 'bad.yml')] },
    });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The YAML is not valid: line: 3; problem: mapping values are not allowed here',
      ),
    );
    expect(onOpen).not.toHaveBeenCalled();
  });
});
