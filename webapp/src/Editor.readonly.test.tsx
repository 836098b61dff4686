import { screen, waitFor } from '@testing-library/react';
import { render } from './test/render';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './Editor';
import { FakeSocket } from './test/fakeSocket';
import { json, mockFetch } from './test/fetchMock';
import type { Workspace } from './workspaces';

const canvas = {
  id: 'wf1',
  name: 'Newsletter',
  version: 1,
  active: false,
  nodes: [
    { id: 't', node_type: 'manual-trigger', name: 'Start', position: { x: 0, y: 0 }, form_values: {}, routes: [] },
  ],
  edges: [],
};
const types = [
  { key: 'manual-trigger', name: 'Manual', category: 'Triggers', description: '', trigger: true, routes: [], form: [] },
];
const workspaces = (role: Workspace['role']): Workspace[] => [
  { name: 'default', description: '', created_at: '2025-01-01T00:00:00Z', role: 'owner' },
  { name: 'marketing', description: '', created_at: '2025-01-01T00:00:00Z', role },
];
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe("the editor of a workflow in a viewer's workspace", () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.setItem('orchestrator.token', 'wfo_test');
    mockFetch({
      'GET workflow/wf1/canvas_data/': () => json(canvas),
      'GET workflow/wf1/': () => json({ id: 'wf1', name: 'Newsletter', workspace: 'marketing' }),
      'GET nodes/': () => json({ node_types: types }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
    });
  });

  it('is read only: no palette, no run, no undo, and a badge that says why', async () => {
    render(<Editor workflowId="wf1" workspaces={workspaces('viewer')} onClose={() => {}} onUnauthorized={() => {}} />);
    expect((await screen.findByTestId('read-only')).textContent).toBe('read only (viewer)');
    expect(screen.queryByRole('navigation', { name: 'Node types' })).toBeNull();
    expect(button('Run').disabled).toBe(true);
    expect(button('Pause').disabled).toBe(true);
    expect(button('Undo').disabled).toBe(true);
    // What a viewer may still do: read and download.
    expect(button('Export YAML').disabled).toBe(false);
  });

  it("offers everything to the workspace's editor", async () => {
    render(<Editor workflowId="wf1" workspaces={workspaces('editor')} onClose={() => {}} onUnauthorized={() => {}} />);
    expect(await screen.findByText('Manual')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(1));
    expect(screen.queryByTestId('read-only')).toBeNull();
    expect(button('Run').disabled).toBe(false);
  });
});
