// End-to-end test of workspaces in the canvas, in headless Chromium (Debian's) driven by playwright-core,
// against a running server. Through the API with the admin token: two workspaces, an editor token in
// each, a viewer token in the first, and a workflow in each. Then in the browser: token A sees its
// workflow and not B's (in the list, the switcher and the API it calls), opens A's canvas; token B sees
// only B's, and A's canvas is not found for it; the viewer sees A's canvas read only; the admin manages
// A's tokens on the Tokens page (a new token's secret shown once).
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=<admin token> node e2e/workspaces.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, fromServer, reportPageErrors, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const admin = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!admin) throw new Error('Set ORCHESTRATOR_TOKEN to an admin token of the server at ' + base);
mkdirSync(shots, { recursive: true });

/** Calls the API with the admin token; a failure ends the test with the server's answer. */
async function api(method, path, body) {
  const response = await fetch(new URL(`api/${path}`, base), {
    method,
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Names of their own, so that a rerun against the same server and the other tests see none of this.
const suffix = Date.now().toString(36);
const spaceA = `e2e-a-${suffix}`;
const spaceB = `e2e-b-${suffix}`;
const made = { workflows: [], tokens: [] };
const workflowIn = async (workspace, name) => {
  const workflow = await api('POST', 'workflow/', { name, workspace });
  made.workflows.push(workflow.id);
  await api('POST', `workflow/${workflow.id}/nodes/add/`, {
    nodeTemplate: 'manual-trigger',
    position: { x: 200, y: 200 },
  });
  return workflow;
};
const tokenWith = async (name, workspaces) => {
  const issued = await api('POST', 'tokens/', { name, role: 'user', workspaces });
  made.tokens.push(issued.id);
  return issued.token;
};

const { context, page } = await launchBrowser('workspaces-e2e');
page.setDefaultTimeout(10_000);
reportPageErrors(page);

const signOut = () => page.getByRole('button', { name: 'Sign out' }).click();
const workflowLink = (name) => page.getByRole('link', { name, exact: true });
/** Signs in with a token and waits for the list of its current workspace to show this workflow. */
const signInSeeing = async (token, name) => {
  await signIn(page, token);
  await workflowLink(name).waitFor();
};
const switcherOptions = () => page.getByLabel('Workspace').locator('option').allTextContents();

try {
  const started = Date.now();
  await api('POST', 'workspaces/', { name: spaceA, description: 'E2E team A' });
  await api('POST', 'workspaces/', { name: spaceB, description: 'E2E team B' });
  const alpha = await workflowIn(spaceA, `Alpha ${suffix}`);
  const bravo = await workflowIn(spaceB, `Bravo ${suffix}`);
  const tokenA = await tokenWith(`editor A ${suffix}`, { [spaceA]: 'editor' });
  const tokenB = await tokenWith(`editor B ${suffix}`, { [spaceB]: 'editor' });
  const viewer = await tokenWith(`viewer A ${suffix}`, { [spaceA]: 'viewer' });

  // Token A: its workspace only, its workflow only, on the page and in what the API answers it.
  await page.goto(base);
  await signInSeeing(tokenA, alpha.name);
  assertEqual(await switcherOptions(), [`${spaceA} (editor)`], "token A's workspaces");
  assertEqual(await workflowLink(bravo.name).count(), 0, "B's workflow in A's list");
  const listed = (await fromServer(page, 'workflow/?limit=500')).map((workflow) => workflow.name);
  assertEqual([listed.includes(alpha.name), listed.includes(bravo.name)], [true, false], "A's workflows on the API");
  assertEqual((await fromServer(page, `workflow/${bravo.id}/`)).code, 'NOT_FOUND', "B's workflow for token A");
  await workflowLink(alpha.name).click();
  await page.locator('.react-flow__node').first().waitFor();
  await page
    .getByTestId('live')
    .filter({ hasText: /^Live$/ })
    .waitFor();
  assertEqual(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), true, 'Run for an editor');
  assertEqual(await page.getByTestId('read-only').count(), 0, "the read-only badge for A's editor");
  await page.locator('.palette-item').first().waitFor();
  await page.screenshot({ path: join(shots, 'workspaces-editor.png') });
  await signOut();

  // Token B: B's workflow only; A's canvas, asked for by its address, is not found.
  await signInSeeing(tokenB, bravo.name);
  assertEqual(await switcherOptions(), [`${spaceB} (editor)`], "token B's workspaces");
  assertEqual(await workflowLink(alpha.name).count(), 0, "A's workflow in B's list");
  // The address of A's canvas, as a link someone shared would open it (the canvas reads it on load).
  await page.evaluate((id) => (location.hash = id), alpha.id);
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
  assertEqual(await page.locator('.react-flow__node').count(), 0, "A's nodes on B's screen");
  await signOut();

  // The viewer of A: the canvas shows, read only.
  await signInSeeing(viewer, alpha.name);
  assertEqual(await page.getByRole('button', { name: 'New workflow' }).isDisabled(), true, 'New workflow for a viewer');
  await workflowLink(alpha.name).click();
  await page.getByTestId('read-only').filter({ hasText: 'read only (viewer)' }).waitFor();
  await page.locator('.react-flow__node').first().waitFor();
  assertEqual(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true, 'Run for a viewer');
  assertEqual(await page.locator('.palette-item').count(), 0, "the palette's node types for a viewer");
  // A viewer watches the runs: its socket is live like anyone's.
  await page
    .getByTestId('live')
    .filter({ hasText: /^Live$/ })
    .waitFor();
  await page.locator('.react-flow__node').first().click();
  const settings = page.getByLabel('Node settings');
  assertEqual(await settings.getByRole('button', { name: 'Save' }).isDisabled(), true, 'Save of node settings');
  const execute = page.getByRole('button', { name: 'Execute this node' });
  assertEqual(await execute.isDisabled(), true, 'Execute this node for a viewer');
  await page.screenshot({ path: join(shots, 'workspaces-viewer.png') });
  await signOut();

  // The admin, in A: the Tokens page lists A's tokens and makes one, its secret shown once.
  await signIn(page, admin);
  await page.getByLabel('Workspace').selectOption(spaceA);
  await workflowLink(alpha.name).waitFor();
  await page.getByRole('button', { name: 'Tokens', exact: true }).click();
  await page.getByText(`viewer A ${suffix}`).waitFor();
  await page.getByText(`editor A ${suffix}`).waitFor();
  await page.getByRole('button', { name: 'New token' }).click();
  const form = page.getByRole('form', { name: 'Token' });
  await form.getByLabel('Name').fill(`intern ${suffix}`);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Save' }).click();
  const secret = await page.getByTestId('new-token').textContent();
  if (!secret?.startsWith('wfo_')) throw new Error(`the new token's secret: ${secret}`);
  const row = page.locator('tr', { hasText: `intern ${suffix}` });
  assertEqual(await row.getByRole('combobox').inputValue(), 'viewer', "the new token's role in the list");
  made.tokens.push(await row.getAttribute('data-token-id'));
  await page.screenshot({ path: join(shots, 'workspaces-tokens.png') });
  console.log(
    `ok: two workspaces kept apart in the canvas, a viewer read only, tokens managed, in ${Date.now() - started} ms`,
  );
} catch (failed) {
  await page.screenshot({ path: join(shots, 'workspaces-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
  // What this test made goes: the workflows, then the now empty workspaces, then the tokens.
  for (const id of made.workflows) await api('DELETE', `workflow/${id}/`).catch(() => {});
  for (const name of [spaceA, spaceB]) await api('DELETE', `workspaces/${name}/`).catch(() => {});
  for (const id of made.tokens.filter(Boolean)) await api('DELETE', `tokens/${id}/`).catch(() => {});
}
