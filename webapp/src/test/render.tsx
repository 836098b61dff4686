// Renders a view as the app does: under a query client, a fresh one per render so that no test sees another's cache.
import { QueryClientProvider } from '@tanstack/react-query';
import { render as renderPlain, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createQueryClient } from '../query/client';

export function testQueryClient() {
  const client = createQueryClient();
  // A refused answer is asked once in the app too; a network failure is retried there, not here: tests stay fast.
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return client;
}

export function render(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  const client = testQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { ...renderPlain(ui, { ...options, wrapper }), client };
}
