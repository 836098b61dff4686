// The inputs that form-like panels share: a choice and a boolean, both kept as text in the form's state,
// and the reading of a number typed as text.

export function ChoiceInput({
  value,
  options,
  onChange,
}: {
  value: string;
  options?: string[];
  onChange: (value: string) => void;
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="" />
      {(options ?? []).map((option) => (
        <option key={option}>{option}</option>
      ))}
    </select>
  );
}

export function BooleanInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return <input type="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />;
}

/** A number field's text as the API takes it: a number, or the text as typed for the server to refuse on the field. */
export function numberOrText(text: string): number | string {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}
