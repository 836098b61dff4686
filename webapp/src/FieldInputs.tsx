// The inputs that form-like panels share: a choice and a boolean, both kept as text in the form's state.

export function ChoiceInput({ value, options, onChange }: { value: string; options?: string[]; onChange: (value: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="" />
      {(options ?? []).map((option) => <option key={option}>{option}</option>)}
    </select>
  );
}

export function BooleanInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return <input type="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />;
}
