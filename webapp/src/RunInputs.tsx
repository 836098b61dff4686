import { useState } from 'react';
import { BooleanInput, ChoiceInput, numberOrText } from './FieldInputs';
import { ErrorLine } from './ListParts';

/** An input a manual trigger declares (its `inputs` field). */
export interface DeclaredInput {
  name: string;
  type: 'text' | 'number' | 'boolean' | 'choice' | 'json';
  required?: boolean;
  default?: unknown;
  options?: string[];
  description?: string;
}

interface Props {
  inputs: DeclaredInput[];
  error: string | null;
  onRun: (input: Record<string, unknown>) => void;
  onCancel: () => void;
}

/** Asks for the trigger's declared inputs before a run; the server checks them again (422 on the field). */
export function RunInputs({ inputs, error, onRun, onCancel }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      inputs.map((input) => [
        input.name,
        input.default === undefined || input.default === null
          ? ''
          : typeof input.default === 'string'
            ? input.default
            : JSON.stringify(input.default),
      ]),
    ),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onRun(
      Object.fromEntries(
        inputs
          .filter((input) => values[input.name] !== '')
          .map((input) => [input.name, typed(input, values[input.name])]),
      ),
    );
  };

  return (
    <div className="modal-backdrop">
      <form className="modal" onSubmit={submit} aria-label="Run inputs">
        <h2>Run with inputs</h2>
        {inputs.map((input) => (
          <label key={input.name}>
            {input.name}
            {input.required ? ' *' : ''}
            {input.type === 'choice' ? (
              <ChoiceInput
                value={values[input.name]}
                options={input.options}
                onChange={(value) => setValues({ ...values, [input.name]: value })}
              />
            ) : input.type === 'boolean' ? (
              <BooleanInput
                value={values[input.name]}
                onChange={(value) => setValues({ ...values, [input.name]: value })}
              />
            ) : (
              <input
                value={values[input.name]}
                type={input.type === 'number' ? 'number' : 'text'}
                step={input.type === 'number' ? 'any' : undefined}
                onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
              />
            )}
            {input.description && <small>{input.description}</small>}
          </label>
        ))}
        <ErrorLine error={error} />
        <div className="modal-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Run
          </button>
        </div>
      </form>
    </div>
  );
}

/** The typed value of a field's text: numbers, booleans and JSON parsed; a number left as text if it is not one (the server says so). */
export function typed(input: DeclaredInput, text: string): unknown {
  switch (input.type) {
    case 'number':
      return numberOrText(text);
    case 'boolean':
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}
