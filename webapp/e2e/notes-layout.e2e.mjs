// End-to-end test of the canvas's daily tools in headless Chromium against a running server: a
// sticky note written in Markdown (rendered, HTML shown as text, still there after a reload), the
// automatic tidy-up (positions change, are saved in one step, and one undo puts them back), the
// search box (find a node by name, jump to it, its panel opens) and the keyboard-shortcut sheet.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/notes-layout.e2e.mjs
// Screenshots (notes.png, tidy-before.png, tidy-after.png, search.png, shortcuts.png) go to
// SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { api as callApi, assertEqual, fromServer, refusalsByPolicy, reportPageErrors, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('notes-layout-e2e');
page.setDefaultTimeout(10_000);
reportPageErrors(page);
const refusedByPolicy = refusalsByPolicy(page);

/** A call to the API with the signed-in token, answering the parsed body. */
const api = (method, path, body) => callApi(page, method, path, body);

const positionsOf = async (workflowId) =>
  Object.fromEntries(
    (await fromServer(page, `workflow/${workflowId}/canvas_data/`)).nodes.map((node) => [node.name, node.position]),
  );
const allSaved = () => page.locator('[data-testid="saving"]', { hasText: 'All changes saved' }).waitFor();

try {
  await page.goto(base);
  await signIn(page, token);
  await page.getByRole('button', { name: 'New workflow' }).waitFor();

  // A workflow drawn in a hurry: nodes piled up out of order.
  const workflow = await api('POST', 'workflow/', { name: `Notes and layout ${Date.now()}` });
  const node = async (nodeTemplate, name, x, y) =>
    (await api('POST', `workflow/${workflow.id}/nodes/add/`, { nodeTemplate, name, position: { x, y } })).id;
  const trigger = await node('manual-trigger', 'Order received', 520, 300);
  const check = await node('transform', 'Check stock', 40, 40);
  const ship = await node('transform', 'Ship it', 300, 420);
  const notify = await node('transform', 'Notify customer', 60, 330);
  for (const [source, target] of [
    [trigger, check],
    [check, ship],
    [check, notify],
  ])
    await api('POST', `workflow/${workflow.id}/edges/add/`, { source, target });

  // The canvas to open is read from the address's hash when the page loads.
  await page.goto(`${base}#${workflow.id}`);
  await page.reload();
  await page.locator('.react-flow__node-workflowNode').nth(3).waitFor();

  // A note in Markdown: rendered as such, its HTML shown as text, saved, still there after a reload.
  await page.getByRole('button', { name: '+ Note' }).click();
  const note = page.locator('.react-flow__node-note');
  await note.waitFor();
  await note.dblclick();
  await page
    .getByLabel('Note text (Markdown)')
    .fill(
      '## Stock rules\n- **check** the stock first\n- then [ship](https://example.org/ship)\n<img src=x onerror=alert(1)>',
    );
  await page.getByLabel('Note text (Markdown)').press('Control+Enter');
  await note.locator('.note-markdown h4', { hasText: 'Stock rules' }).waitFor();
  assertEqual(await note.locator('strong').textContent(), 'check', 'the bold word');
  assertEqual(await note.locator('img, script').count(), 0, 'HTML elements in the note');
  await allSaved();
  await page.screenshot({ path: join(shots, 'notes.png') });
  const saved = await fromServer(page, `workflow/${workflow.id}/canvas_data/`);
  assertEqual(saved.notes.length, 1, 'notes on the server');
  assertEqual(saved.notes[0].text.startsWith('## Stock rules'), true, 'the note text on the server');

  await page.reload();
  await page.locator('.react-flow__node-note .note-markdown h4', { hasText: 'Stock rules' }).waitFor();

  // Tidy up: the graph reads left to right, saved in one step; one undo puts the old layout back.
  const before = await positionsOf(workflow.id);
  await page.screenshot({ path: join(shots, 'tidy-before.png') });
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await allSaved();
  let after = await positionsOf(workflow.id);
  for (let i = 0; i < 20 && JSON.stringify(after) === JSON.stringify(before); i++) {
    await page.waitForTimeout(250);
    after = await positionsOf(workflow.id);
  }
  if (!(after['Order received'].x < after['Check stock'].x && after['Check stock'].x < after['Ship it'].x))
    throw new Error(`not left to right after the tidy-up: ${JSON.stringify(after)}`);
  // The two branches share a column (each centred in it: their widths differ), one under the other.
  const [shipAt, notifyAt] = [after['Ship it'], after['Notify customer']];
  if (!(Math.abs(shipAt.x - notifyAt.x) < 60 && Math.abs(shipAt.y - notifyAt.y) >= 40))
    throw new Error(`the two branches are not one under the other: ${JSON.stringify(after)}`);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, 'tidy-after.png') });
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await allSaved();
  let undone = await positionsOf(workflow.id);
  for (let i = 0; i < 20 && JSON.stringify(undone) !== JSON.stringify(before); i++) {
    await page.waitForTimeout(250);
    undone = await positionsOf(workflow.id);
  }
  assertEqual(undone, before, 'positions after one undo of the tidy-up');
  assertEqual((await fromServer(page, `workflow/${workflow.id}/canvas_data/`)).notes.length, 1, 'notes after undo');

  // Search: "/" opens the box, typing lists the matches, Enter jumps to the node and opens its panel.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('/');
  await page.getByLabel('Search nodes on the canvas').fill('notif');
  await page.getByRole('option', { name: 'Notify customer' }).waitFor();
  await page.screenshot({ path: join(shots, 'search.png') });
  await page.getByLabel('Search nodes on the canvas').press('Enter');
  await page.locator(`[aria-label="Node settings"][data-node-id="${notify}"]`).waitFor();
  await page.locator(`.react-flow__node[data-id="${notify}"].selected`).waitFor();

  // The shortcut sheet lists the canvas's keys.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.getByText('Tidy up the layout').waitFor();
  await sheet.getByText('Undo', { exact: true }).waitFor();
  await page.screenshot({ path: join(shots, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });

  assertEqual(refusedByPolicy, [], 'what the Content-Security-Policy refused');
  console.log(`ok: note, tidy-up, search and shortcuts on "${workflow.name}"; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'notes-layout-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
