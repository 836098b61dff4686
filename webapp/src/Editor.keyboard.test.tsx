import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './Editor';
import { FakeSocket } from './test/fakeSocket';
import { json, mockFetch, noContent } from './test/fetchMock';
import { render } from './test/render';

const node = (id: string, name: string, x: number) => ({
  id,
  node_type: 'set',
  name,
  position: { x, y: 0 },
  form_values: {},
  routes: ['default'],
});
const canvas = {
  id: 'wf1',
  name: 'Orders',
  version: 1,
  active: false,
  nodes: [node('a', 'Start', 0), node('b', 'Shape', 240)],
  edges: [{ id: 'e1', source: 'a', source_handle: 'default', target: 'b' }],
};
const setType = {
  key: 'set',
  name: 'Set',
  category: 'Data',
  description: 'Set fields',
  trigger: false,
  routes: ['default'],
  form: [{ name: 'fields', type: 'json', label: 'Fields', required: false }],
};
const nodeEl = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
const panelNode = () => document.querySelector<HTMLElement>('[aria-label="Node settings"]')?.dataset.nodeId ?? null;

describe('the canvas with the keyboard', () => {
  let server: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.setItem('orchestrator.token', 'wfo_test');
    server = mockFetch({
      'GET workflow/wf1/canvas_data/': () => json(canvas),
      'GET nodes/': () => json({ node_types: [setType] }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
      'POST workflow/wf1/nodes/add/': () => json(node('n', 'Set', 480)),
      'POST workflow/wf1/edges/add/': () => json({ id: 'e2', source: 'b', source_handle: 'default', target: 'n' }),
      'DELETE workflow/wf1/nodes/b/remove/': () => noContent(),
    });
  });
  const opened = async () => {
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(2));
  };

  it('opens a node panel with Enter, moves into its fields, and Escape closes it and returns to the node', async () => {
    await opened();
    nodeEl('a').focus();
    fireEvent.keyDown(nodeEl('a'), { key: 'Enter' });

    await waitFor(() => expect(panelNode()).toBe('a'));
    await waitFor(() => expect(document.activeElement?.closest('[aria-label="Node settings"]')).toBeTruthy());
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });

    await waitFor(() => expect(panelNode()).toBeNull());
    expect(document.activeElement).toBe(nodeEl('a'));
  });

  it('goes to the next node with an arrow key, selecting it, without moving either', async () => {
    await opened();
    nodeEl('a').focus();
    fireEvent.keyDown(nodeEl('a'), { key: ' ' });
    await waitFor(() => expect(panelNode()).toBe('a'));
    const placed = nodeEl('a').style.transform;
    fireEvent.keyDown(nodeEl('a'), { key: 'ArrowRight' });

    expect(document.activeElement).toBe(nodeEl('b'));
    expect(nodeEl('a').style.transform).toBe(placed);
    await waitFor(() => expect(panelNode()).toBe('b'));
    expect(server.callsTo('PATCH')).toEqual([]);
  });

  it('adds the node chosen in the palette after the selected one, connected to it, as one step to undo', async () => {
    await opened();
    fireEvent.keyDown(nodeEl('b'), { key: 'Enter' });
    await waitFor(() => expect(panelNode()).toBe('b'));

    fireEvent.keyDown(screen.getByRole('button', { name: 'Set' }), { key: 'Enter' });

    await waitFor(() => expect(server.callsTo('POST', 'workflow/wf1/edges/add/')).toHaveLength(1));
    expect(server.callsTo('POST', 'workflow/wf1/nodes/add/')[0].body).toEqual({
      nodeTemplate: 'set',
      position: { x: 480, y: 0 },
    });
    expect(server.callsTo('POST', 'workflow/wf1/edges/add/')[0].body).toEqual({
      source: 'b',
      source_handle: 'default',
      target: 'n',
    });
    await waitFor(() => expect(panelNode()).toBe('n'));
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveProperty('disabled', false);
  });

  it('deletes the focused node with Delete, even when it is not selected, and undo is offered', async () => {
    await opened();
    nodeEl('b').focus();
    fireEvent.keyDown(nodeEl('b'), { key: 'Delete' });

    await waitFor(() => expect(server.callsTo('DELETE')).toHaveLength(1));
    expect(server.callsTo('DELETE')[0].path).toBe('workflow/wf1/nodes/b/remove/');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Undo' })).toHaveProperty('disabled', false));
    expect(document.activeElement).toBe(nodeEl('a'));
  });
});
