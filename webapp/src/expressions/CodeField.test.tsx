import { acceptCompletion, currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { EditorView } from '@codemirror/view';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../test/fetchMock';
import { CodeField } from './CodeField';
import { ExpressionScope, type ExpressionContext } from './scope';
import type { PreviewKind } from './usePreview';

const context: ExpressionContext = {
  workflowId: 'wf1',
  nodeId: 'n2',
  scope: {
    input: { order: { id: 7 } },
    nodes: { Fetch: { status: 200 } },
    functions: [{ name: 'upper', signature: 'upper(s)', description: 'Upper case.' }],
  },
  revision: 0,
  load: () => {},
};

function Field({ initial, kind }: { initial: string; kind: PreviewKind }) {
  const [value, setValue] = useState(initial);
  return (
    <ExpressionScope value={context}>
      <CodeField value={value} onChange={setValue} label="Body" kind={kind} multiline={kind === 'json'} />
      <p data-testid="value">{value}</p>
    </ExpressionScope>
  );
}

/** Focus reaching the field from the editor's shadow root, as a click into it sends it. */
const focusIn = (view: EditorView) =>
  act(() => {
    view.contentDOM.dispatchEvent(new FocusEvent('focus'));
  });

/** The CodeMirror view once the lazily loaded editor is in place. */
async function editorOf(label: string): Promise<EditorView> {
  const content = await waitFor(() => {
    const found = document
      .querySelector('.code-editor')
      ?.shadowRoot?.querySelector(`.cm-content[aria-label="${label}"]`);
    expect(found).toBeTruthy();
    return found as HTMLElement;
  });
  return EditorView.findFromDOM(content)!;
}

const typeAtEnd = (view: EditorView, text: string) =>
  act(() => {
    const end = view.state.doc.length;
    view.dispatch({
      changes: { from: end, insert: text },
      selection: { anchor: end + text.length },
      userEvent: 'input.type',
    });
  });

describe('CodeField', () => {
  it('completes the input fields with the keyboard and previews the result on the server', async () => {
    const server = mockFetch({
      'POST workflow/wf1/nodes/n2/preview/': (request) =>
        json(
          (request.body as { template: string }).template === 'Order ${input.order.id}'
            ? { success: true, result: 'Order 7' }
            : { success: true, result: null },
        ),
    });
    render(<Field initial="Order ${input.order." kind="template" />);
    const view = await editorOf('Body');
    expect(view.contentDOM.querySelector('.cm-expression')?.textContent).toBe('${input.order.');

    focusIn(view);
    act(() => view.dispatch({ selection: { anchor: view.state.doc.length } }));
    act(() => {
      startCompletion(view);
    });
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['id']));
    // CodeMirror ignores an accept in the first moments after the list opened (a key meant for the text).
    await waitFor(() => {
      let accepted = false;
      act(() => {
        accepted = acceptCompletion(view);
      });
      expect(accepted).toBe(true);
    });
    typeAtEnd(view, '}');
    expect(screen.getByTestId('value').textContent).toBe('Order ${input.order.id}');

    await waitFor(() => expect(screen.getByLabelText('Result of Body').textContent).toBe('Order 7'));
    expect(server.callsTo('POST')[0].body).toEqual({ template: 'Order ${input.order.id}', kind: 'template' });
  });

  it("shows the server's error inline, and a JSON field's parse error as one types", async () => {
    mockFetch({
      'POST workflow/wf1/nodes/n2/preview/': () => json({ success: false, error: "Unknown function 'nosuch'" }),
    });
    render(<Field initial='{"a": "${nosuch(1)}"}' kind="json" />);
    const view = await editorOf('Body');
    focusIn(view);
    await waitFor(() => expect(document.querySelector('.expression-error')?.textContent).toContain('nosuch'));

    typeAtEnd(view, ',');
    expect(document.querySelector('.json-error')?.textContent).toContain('Not valid JSON');
  });

  it('asks nothing of the server until the field is focused', async () => {
    const server = mockFetch({});
    render(<Field initial="${input.order.id}" kind="template" />);
    await editorOf('Body');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.calls).toHaveLength(0);
  });
});
