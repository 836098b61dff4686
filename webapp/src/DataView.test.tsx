import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataView } from './DataView';

const value = { customer: { name: 'Ada' }, items: [{ sku: 'x1' }, { sku: 'x2' }] };

const tab = (name: string) => screen.getByRole('tab', { name });

/** What a drag from the element puts on the data transfer. */
function dragged(element: Element): Record<string, string> {
  const data: Record<string, string> = {};
  fireEvent.dragStart(element, {
    dataTransfer: { setData: (type: string, text: string) => (data[type] = text), effectAllowed: 'none' },
  });
  return data;
}

describe('the data views', () => {
  beforeEach(() => localStorage.clear());

  it('shows JSON first, then a table and a schema by their tabs, and remembers the choice', () => {
    const { unmount } = render(<DataView title="Input" value={value} source={{ kind: 'input', sources: [] }} />);
    expect(tab('JSON').getAttribute('aria-selected')).toBe('true');
    expect(JSON.parse(document.querySelector('pre.json')!.textContent!)).toEqual(value);

    fireEvent.click(tab('Table'));
    const headers = [...document.querySelectorAll('.data-table th')].map((th) => th.textContent);
    expect(headers).toEqual(['customer', 'items']);
    expect(document.querySelector('.data-table td')!.textContent).toBe('{"name":"Ada"}');

    fireEvent.click(tab('Schema'));
    const fields = [...document.querySelectorAll('.schema-field')].map((field) => field.textContent);
    expect(fields).toEqual(['object customer', 'string name', 'array items', 'string sku']);
    unmount();

    render(<DataView title="Input" value={value} source={{ kind: 'input', sources: [] }} />);
    expect(tab('Schema').getAttribute('aria-selected')).toBe('true');
  });

  it('drags a schema field, a header or a cell as its expression in text/plain', () => {
    render(<DataView title="Input" value={value} source={{ kind: 'input', sources: [] }} draggable />);
    fireEvent.click(tab('Schema'));
    const name = screen.getByText(
      (_, element) => element?.textContent === 'string name' && element.className === 'schema-field',
    );
    expect(dragged(name)).toEqual({ 'text/plain': '${input.customer.name}' });

    fireEvent.click(tab('Table'));
    const table = document.querySelector('.data-table')!;
    expect(dragged(within(table as HTMLElement).getByText('items'))).toEqual({ 'text/plain': '${input.items}' });
    render(<DataView title="Rows" value={value.items} source={{ kind: 'input', sources: [] }} draggable />);
    fireEvent.click(within(screen.getByTestId('data-rows')).getByRole('tab', { name: 'Table' }));
    const rows = document.querySelectorAll('[data-testid=data-rows] .data-table tbody tr');
    expect(dragged(rows[1].querySelectorAll('td')[1])).toEqual({ 'text/plain': '${input[1].sku}' });
  });

  it('offers nothing to drag when not draggable, and says so when there is no data', () => {
    const { container } = render(<DataView title="Output" value={value} source={{ kind: 'output', nodeName: 'A' }} />);
    fireEvent.click(tab('Schema'));
    expect(container.querySelector('[draggable=true]')).toBeNull();
    render(<DataView title="Empty" value={null} source={{ kind: 'output', nodeName: 'A' }} />);
    expect(within(screen.getByTestId('data-empty')).getByText('Nothing yet')).toBeTruthy();
  });

  it('renders a large value capped, saying how many rows are left out', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ i, text: `row ${i}` }));
    render(<DataView title="Big" value={rows} source={{ kind: 'input', sources: [] }} />);
    fireEvent.click(tab('Table'));
    expect(document.querySelectorAll('.data-table tbody tr')).toHaveLength(50);
    expect(screen.getByText(/4,950 more rows/)).toBeTruthy();
  });
});
