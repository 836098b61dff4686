// End-to-end test of the inspector's data views and pinned data in headless Chromium against a
// running server: execute a node, see its output as JSON, a table and a schema, drag a field of the
// next node's input into that node's expression field and see the expression written, pin the first
// node's output and see the pin on the canvas, then change that node and run from the canvas: the
// run (a development run) uses the pinned data, a production run does not.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/dataviews.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, fromServer, reportPageErrors, selectNode, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const api = async (method, path, body) => {
  const response = await fetch(new URL(`api/${path}`, base), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

// Start → Fetch (a transform standing for a slow API call) → Known? (a condition) → Greet.
const workflow = await api('POST', 'workflow/', { name: `Data views ${Date.now()}` });
const add = async (nodeTemplate, name, form_values, x) =>
  (
    await api('POST', `workflow/${workflow.id}/nodes/add/`, {
      nodeTemplate,
      name,
      form_values,
      position: { x, y: 200 },
    })
  ).id;
const start = await add('manual-trigger', 'Start', {}, 0);
const fetchNode = await add(
  'transform',
  'Fetch',
  { fields: { customer: { name: 'Ada', id: 7 }, items: [{ sku: 'x1' }, { sku: 'x2' }] } },
  220,
);
const known = await add('condition', 'Known?', { expression: '${true}' }, 440);
const greet = await add('transform', 'Greet', { fields: { hello: '${input.customer.name}' } }, 660);
for (const [source, source_handle, target] of [
  [start, 'default', fetchNode],
  [fetchNode, 'default', known],
  [known, 'true', greet],
])
  await api('POST', `workflow/${workflow.id}/edges/add/`, { source, source_handle, target });

const { context, page } = await launchBrowser('dataviews-e2e');
reportPageErrors(page);
try {
  await page.goto(base);
  await signIn(page, token);
  // Opened from the list, as a person does (the app reads the address's workflow only as it starts).
  await page.getByRole('button', { name: 'New workflow' }).waitFor();
  await page.getByPlaceholder('Search workflows').fill(workflow.name);
  await page.getByText(workflow.name, { exact: true }).click();
  await page.locator(`.react-flow__node[data-id="${fetchNode}"]`).waitFor();
  const data = page.getByLabel('Node data');

  // Execute Fetch alone: its output shows as JSON, then as a table and a schema.
  await selectNode(page, fetchNode);
  await data.getByRole('button', { name: 'Execute this node' }).click();
  await data.getByText('Executed: route default').waitFor();
  const output = data.getByTestId('data-output');
  await output.locator('pre.json', { hasText: '"name": "Ada"' }).waitFor();
  await output.getByRole('tab', { name: 'Table' }).click();
  assertEqual(
    await output.locator('.data-table th').allTextContents(),
    ['customer', 'items'],
    "the table's columns: the output's fields",
  );
  await output.getByRole('tab', { name: 'Schema' }).click();
  assertEqual(
    await output.locator('.schema-field').allTextContents(),
    ['object customer', 'string name', 'number id', 'array items', 'string sku'],
    'the schema: field names and types',
  );
  await page.screenshot({ path: join(shots, 'dataviews-schema.png') });

  // The next node's input is Fetch's output: drag its field into the condition's expression.
  await selectNode(page, known);
  const input = data.getByTestId('data-input');
  await input.getByRole('tab', { name: 'Schema' }).click();
  const panel = page.getByLabel('Node settings');
  // An expression field is the expression editor (CodeMirror, in a shadow root that locators pierce).
  const expression = panel.locator('.cm-content[aria-label="Expression"]');
  await expression.fill('');
  await input.locator('.schema-field', { hasText: 'name' }).first().dragTo(expression);
  for (let tries = 0; (await expression.textContent()) !== '${input.customer.name}'; tries++) {
    if (tries === 50) {
      throw new Error(`the dragged field was not written: ${JSON.stringify(await expression.textContent())}`);
    }
    await page.waitForTimeout(100);
  }
  await page.screenshot({ path: join(shots, 'dataviews-dragged.png') });
  // Completed by hand into a test, then saved: the table's header drags the same way.
  await expression.fill("${input.customer.name == 'Ada'}");
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Saved', { exact: true }).waitFor();

  // Pin Fetch's output: the node wears the pin, the server keeps it.
  await selectNode(page, fetchNode);
  await data.getByRole('button', { name: 'Pin output' }).click();
  await page.locator(`.react-flow__node[data-id="${fetchNode}"] [data-testid="pin-badge"]`).waitFor();
  await data.getByTestId('pinned-note').waitFor();
  const pinned = (await fromServer(page, `workflow/${workflow.id}/canvas_data/`)).nodes.find((n) => n.id === fetchNode);
  assertEqual(pinned.pinned_output.customer.name, 'Ada', 'the pinned output on the server');
  await page.screenshot({ path: join(shots, 'dataviews-pinned.png') });

  // Fetch would now give Bob; a run from the canvas (development) uses the pinned Ada instead.
  await api('PATCH', `workflow/${workflow.id}/nodes/${fetchNode}/`, {
    form_values: { fields: { customer: { name: 'Bob' } } },
  });
  const [answer] = await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/start_execution/'),
    ),
    page.getByRole('button', { name: 'Run', exact: true }).click(),
  ]);
  const taskId = (await answer.json()).task_id;
  await page.locator('[data-testid="run-status"]', { hasText: 'SUCCESS' }).waitFor({ timeout: 30_000 });
  const run = await fromServer(page, `runs/${taskId}/`);
  assertEqual(run.trigger, 'development', "the canvas's run");
  const step = (id) => run.node_executions.filter((s) => s.node_id === id).at(-1);
  assertEqual(step(greet).output, { hello: 'Ada' }, 'downstream of the pin, the pinned data');
  await selectNode(page, greet);
  // The output's view is still the schema chosen above: the tabs remember it from node to node.
  await data.getByTestId('data-output').getByRole('tab', { name: 'JSON' }).click();
  await data.getByTestId('data-output').locator('pre.json', { hasText: '"hello": "Ada"' }).waitFor();
  await page.screenshot({ path: join(shots, 'dataviews-run-with-pin.png') });
  // The pinned node, selected again, shows the pin it ran with.
  await selectNode(page, fetchNode);
  await data.getByTestId('pinned-note').waitFor();

  // A production run (the API's default) ignores the pin.
  const production = await api('POST', `workflow/${workflow.id}/start_execution/`, { input: {} });
  let ended;
  for (let i = 0; i < 60 && !['SUCCESS', 'FAILURE'].includes(ended?.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    ended = await api('GET', `runs/${production.task_id}/`);
  }
  assertEqual(ended.status, 'SUCCESS', 'the production run');
  assertEqual(
    ended.node_executions.filter((s) => s.node_id === known).at(-1).route,
    'false',
    'a production run executes Fetch (Bob), so the condition is false',
  );
  console.log('dataviews e2e: ok');
} finally {
  await context.close();
}
