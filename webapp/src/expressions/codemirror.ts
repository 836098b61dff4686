// The CodeMirror editor of expression and JSON fields. Loaded with a dynamic import the first time a
// panel shows such a field, so that opening a canvas never pays for it.
import { autocompletion, completionKeymap, completionStatus, startCompletion } from '@codemirror/autocomplete';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, keymap, placeholder } from '@codemirror/view';
import type { DecorationSet, ViewUpdate } from '@codemirror/view';
import { completeAt, type ScopeData } from './completion';

export interface EditorOptions {
  value: string;
  label: string;
  /** JSON text (a json field) rather than text with `${…}` parts. */
  json: boolean;
  /** The whole text is one expression, written with or without `${}` (an expression field). */
  wholeText: boolean;
  multiline: boolean;
  readOnly: boolean;
  placeholder?: string;
  scope: () => ScopeData;
  onChange: (text: string) => void;
  /** The editor got the focus (a React onFocus around it does not hear it through the shadow root everywhere). */
  onFocus: () => void;
}

export interface CodeEditor {
  setValue: (text: string) => void;
  /** The scope's data arrived: ask the autocomplete again where the person is typing. */
  scopeChanged: () => void;
  focus: () => void;
  destroy: () => void;
}

const expressionMarks = new MatchDecorator({
  regexp: /\$\{[^}]*\}?/g,
  decoration: Decoration.mark({ class: 'cm-expression' }),
});

/** `${…}` parts drawn apart from the text around them. */
const highlightExpressions = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = expressionMarks.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = expressionMarks.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function completionSource(options: EditorOptions) {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString();
    const at = completeAt(text, context.pos, options.scope(), options.wholeText);
    if (!at || at.candidates.length === 0) return null;
    // While typing plain words, wait for a word or an explicit Ctrl-Space; after `.`, `${` or `['` offer at once.
    if (at.from === context.pos && !context.explicit && !/[.{'"[(\s]$/.test(text.slice(0, context.pos))) return null;
    return {
      from: at.from,
      options: at.candidates.map((candidate) => ({
        label: candidate.label,
        apply: candidate.apply,
        type: candidate.type,
        detail: candidate.detail,
        info: candidate.info,
      })),
    };
  };
}

/** The field's look: a box like the plain inputs, `${…}` parts marked. */
function theme(json: boolean): Extension {
  return EditorView.theme({
    '&': {
      border: '1px solid #c5cbd6',
      borderRadius: '6px',
      background: '#fff',
      fontSize: '0.85rem',
    },
    '&.cm-focused': { outline: '2px solid var(--accent, #3b5bdb)', outlineOffset: '1px' },
    '.cm-content': {
      fontFamily: 'ui-monospace, monospace',
      padding: '0.3rem 0.2rem',
      minHeight: json ? '4.5rem' : 'auto',
    },
    '.cm-expression': { background: '#f3f0ff', color: '#5f3dc4', borderRadius: '3px' },
  });
}

/**
 * No automatic closing of brackets and quotes: a completion such as `Shape'].output` after a typed
 * `nodes['` would land before an inserted `']` and leave the expression broken.
 */
export function createEditor(parent: HTMLElement, options: EditorOptions): CodeEditor {
  let echo = false;
  const extensions: Extension[] = [
    history(),
    highlightExpressions,
    autocompletion({ override: [completionSource(options)], icons: false }),
    keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap]),
    EditorView.contentAttributes.of({
      'aria-label': options.label,
      'aria-multiline': String(options.multiline),
    }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !echo) options.onChange(update.state.doc.toString());
    }),
    EditorView.lineWrapping,
    EditorView.domEventHandlers({ focus: () => options.onFocus() }),
  ];
  if (!options.multiline) {
    // One line: Enter is not a new line (a completion's Enter is handled before this).
    extensions.push(Prec.high(keymap.of([{ key: 'Enter', run: () => true }])));
  }
  if (options.json) extensions.push(json(), syntaxHighlighting(defaultHighlightStyle));
  if (options.placeholder) extensions.push(placeholder(options.placeholder));
  if (options.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));

  extensions.push(theme(options.json));
  // In a shadow root CodeMirror's own styles go in as a constructed style sheet; in the page they
  // would be an inline <style>, which the server's Content-Security-Policy refuses.
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  const view = new EditorView({ parent: root, root, state: EditorState.create({ doc: options.value, extensions }) });
  return {
    setValue(text) {
      if (text === view.state.doc.toString()) return;
      echo = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        echo = false;
      }
    },
    scopeChanged() {
      if (view.hasFocus && completionStatus(view.state) === null) startCompletion(view);
    },
    focus() {
      view.focus();
      view.dispatch({ selection: { anchor: view.state.doc.length } });
    },
    destroy: () => view.destroy(),
  };
}
