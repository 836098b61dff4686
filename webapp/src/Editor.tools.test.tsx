import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './Editor';
import { FakeSocket } from './test/fakeSocket';
import { json, mockFetch } from './test/fetchMock';
import { render } from './test/render';

const note = {
  id: 'n1',
  text: '# Why\nOrders over **100** wait',
  position: { x: 0, y: 200 },
  width: 240,
  height: 160,
  color: 'blue',
};
const canvas = {
  id: 'wf1',
  name: 'Orders',
  version: 4,
  active: false,
  nodes: [
    {
      id: 't',
      node_type: 'manual-trigger',
      name: 'Start',
      position: { x: 0, y: 0 },
      form_values: {},
      routes: ['default'],
    },
    {
      id: 'c',
      node_type: 'condition',
      name: 'Big?',
      position: { x: 200, y: 0 },
      form_values: {},
      routes: ['true', 'false'],
    },
  ],
  edges: [{ id: 'e1', source: 't', source_handle: 'default', target: 'c' }],
  notes: [note],
};

describe('the canvas tools', () => {
  let callsTo: ReturnType<typeof mockFetch>['callsTo'];
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.setItem('orchestrator.token', 'wfo_test');
    ({ callsTo } = mockFetch({
      'GET workflow/wf1/canvas_data/': () => json(canvas),
      'GET nodes/': () => json({ node_types: [] }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
      'POST workflow/wf1/notes/': (request) => json({ ...note, id: 'n2', text: '', ...(request.body as object) }, 201),
    }));
  });

  it('shows the notes of the canvas with their Markdown rendered, and adds one with Shift+S', async () => {
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node-note')).toHaveLength(1));
    const shown = document.querySelector('.react-flow__node-note .note')!;
    expect(shown.className).toContain('note-blue');
    expect(shown.querySelector('h3')!.textContent).toBe('Why');
    expect(shown.querySelector('strong')!.textContent).toBe('100');

    fireEvent.keyDown(document.body, { key: 'S', code: 'KeyS', shiftKey: true });
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node-note')).toHaveLength(2));
    expect(callsTo('POST').map((call) => call.path)).toEqual(['workflow/wf1/notes/']);
  });

  it('finds a node by name with / and opens the shortcut sheet with ?', async () => {
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node-workflowNode')).toHaveLength(2));

    fireEvent.keyDown(document.body, { key: '/' });
    fireEvent.change(screen.getByLabelText('Search nodes on the canvas'), { target: { value: 'big' } });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Big?']);
    fireEvent.keyDown(screen.getByLabelText('Search nodes on the canvas'), { key: 'Enter' });
    await waitFor(() =>
      expect(document.querySelector('.react-flow__node[data-id="c"]')!.className).toContain('selected'),
    );
    expect(screen.queryByLabelText('Search nodes on the canvas')).toBeNull();

    fireEvent.keyDown(document.body, { key: '?' });
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(sheet.textContent).toContain('Tidy up the layout');
    expect(sheet.textContent).toContain('Ctrl+Z');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
