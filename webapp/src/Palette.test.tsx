import { createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Palette } from './Palette';
import type { NodeTypeInfo } from './api';

const type = (key: string, name: string, category: string, description = ''): NodeTypeInfo => ({
  key,
  name,
  category,
  description,
  trigger: false,
  routes: ['default'],
  form: [],
});

const types = [
  type('manual', 'Manual trigger', 'Triggers', 'Start a run by hand'),
  type('http_request', 'HTTP request', 'Actions', 'Call a URL'),
  type('webhook', 'Webhook', 'Triggers', 'Start a run from an HTTP call'),
  type('condition', 'Condition', 'Flow', 'Route by an expression'),
];

const search = (value: string) => fireEvent.change(screen.getByPlaceholderText('Search nodes'), { target: { value } });
/** Each category heading with the names of its node types, in the order shown. */
const shownGroups = () =>
  Object.fromEntries(
    Array.from(screen.getByRole('navigation', { name: 'Node types' }).querySelectorAll('section'), (section) => [
      section.querySelector('h3')!.textContent,
      [...section.querySelectorAll('.palette-item')].map((item) => item.textContent),
    ]),
  );

describe('Palette', () => {
  it('groups the node types by category, in the order the categories first appear', () => {
    render(<Palette types={types} />);
    expect(shownGroups()).toEqual({
      Triggers: ['Manual trigger', 'Webhook'],
      Actions: ['HTTP request'],
      Flow: ['Condition'],
    });
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Triggers', 'Actions', 'Flow']);
  });

  it('filters by name, key or description, ignoring case, and drops emptied categories', () => {
    render(<Palette types={types} />);

    search('  WEBHOOK ');
    expect(shownGroups()).toEqual({ Triggers: ['Webhook'] });

    search('http'); // the name of one, the description of another
    expect(shownGroups()).toEqual({ Actions: ['HTTP request'], Triggers: ['Webhook'] });

    search('http_req'); // a key
    expect(shownGroups()).toEqual({ Actions: ['HTTP request'] });

    search('nothing like it');
    expect(shownGroups()).toEqual({});

    search('');
    expect(Object.keys(shownGroups())).toEqual(['Triggers', 'Actions', 'Flow']);
  });

  it('puts the node type in the drag data as application/x-node-type', () => {
    render(<Palette types={types} />);
    const item = within(screen.getByRole('navigation')).getByText('Condition');
    expect(item.getAttribute('draggable')).toBe('true');
    expect(item.getAttribute('title')).toBe('Route by an expression');

    const dataTransfer = new DataTransfer();
    const dragStart = createEvent.dragStart(item);
    Object.defineProperty(dragStart, 'dataTransfer', { value: dataTransfer }); // happy-dom's DragEvent drops it from its init
    fireEvent(item, dragStart);

    expect(dataTransfer.getData('application/x-node-type')).toBe('condition');
    expect(dataTransfer.effectAllowed).toBe('move');
  });

  it('is one Tab stop: the arrow keys, Home and End move along every category, Enter and Space add the node', () => {
    const onAdd = vi.fn();
    render(<Palette types={types} onAdd={onAdd} />);
    const items = () => [...document.querySelectorAll<HTMLElement>('.palette-item')];
    expect(items().map((item) => item.tabIndex)).toEqual([0, -1, -1, -1]);

    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Search nodes' }), { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Manual trigger');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('HTTP request');
    expect(items().map((item) => item.tabIndex)).toEqual([-1, -1, 0, -1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Condition');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Manual trigger');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Condition');

    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Webhook' }), { key: ' ' });
    expect(onAdd.mock.calls).toEqual([['condition'], ['webhook']]);
  });
});
