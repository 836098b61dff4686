import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RunInputs, type DeclaredInput } from './RunInputs';

const inputs: DeclaredInput[] = [
  { name: 'customer', type: 'text', required: true, description: 'Who is billed' },
  { name: 'amount', type: 'number', default: 5 },
  { name: 'urgent', type: 'boolean', default: true },
  { name: 'currency', type: 'choice', options: ['EUR', 'USD'], default: 'EUR' },
  { name: 'lines', type: 'json', default: [{ sku: 'a' }] },
  { name: 'note', type: 'text' },
];

const control = <T extends HTMLElement = HTMLInputElement>(name: string) =>
  screen
    .getAllByText((_, element) => element?.tagName === 'LABEL' && element.firstChild?.textContent === name)[0]
    .querySelector('input, select') as unknown as T;

const renderForm = (error: string | null = null) => {
  const props = { onRun: vi.fn(), onCancel: vi.fn() };
  render(<RunInputs inputs={inputs} error={error} {...props} />);
  return props;
};

describe('RunInputs form', () => {
  it('draws one field per declared input, filled with the defaults', () => {
    renderForm();

    expect(screen.getByRole('form', { name: 'Run inputs' })).toBeTruthy();
    expect(screen.getByText('Who is billed')).toBeTruthy();
    expect(control('customer').parentElement!.textContent).toContain('customer *');
    expect(control('customer').value).toBe('');
    expect(control('amount').type).toBe('number');
    expect(control('amount').value).toBe('5');
    expect(control('urgent').checked).toBe(true);
    expect(control<HTMLSelectElement>('currency').value).toBe('EUR');
    expect(JSON.parse(control('lines').value)).toEqual([{ sku: 'a' }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('runs with the typed values, leaving out empty ones', () => {
    const { onRun, onCancel } = renderForm();

    fireEvent.change(control('customer'), { target: { value: 'ACME' } });
    fireEvent.change(control('amount'), { target: { value: '12' } });
    fireEvent.click(control('urgent'));
    fireEvent.change(control('currency'), { target: { value: 'USD' } });
    fireEvent.change(control('lines'), { target: { value: '[{"sku": "b", "qty": 2}]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));

    expect(onRun).toHaveBeenCalledTimes(1);
    expect(onRun.mock.calls[0][0]).toStrictEqual({
      customer: 'ACME',
      amount: 12,
      urgent: false,
      currency: 'USD',
      lines: [{ sku: 'b', qty: 2 }],
    });
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('cancels without running', () => {
    const { onRun, onCancel } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onRun).not.toHaveBeenCalled();
  });

  it("shows the server's refusal", () => {
    renderForm('Invalid input: customer: is required');
    expect(screen.getByRole('alert').textContent).toBe('Invalid input: customer: is required');
  });

  // A number <input> steps by 1 unless told otherwise, and the browser's form validation (happy-dom's too) then
  // refuses a decimal such as 12.5 and never submits the form, although the server takes any number.
  it('runs with a decimal number', () => {
    const { onRun } = renderForm();
    fireEvent.change(control('customer'), { target: { value: 'ACME' } });
    fireEvent.change(control('amount'), { target: { value: '12.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ amount: 12.5 }));
  });
});
