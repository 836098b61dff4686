import { screen } from '@testing-library/react';

/**
 * The rows of the page's table below its header, without the empty-state row a list shows until it
 * has loaded (a cell of class `empty`): counting that one let a test go on before the rows had arrived.
 */
export const tableRows = (): HTMLElement[] =>
  screen
    .getAllByRole('row')
    .slice(1)
    .filter((row) => row.querySelector('td.empty') === null);
