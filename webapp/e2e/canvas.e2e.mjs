// End-to-end test of the canvas in headless Chromium (Debian's), driven by playwright-core,
// against a running server: sign in, create a workflow, drag three nodes from the palette,
// connect them, set a transform field, run, see all three completed, read the node's output and
// open the run from the history, run again with the trigger's declared input, and copy and paste.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/canvas.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('canvas-e2e');
page.setDefaultTimeout(10_000);
page.on('pageerror', (error) => console.error('page error:', error.message));
page.on('console', (message) => { if (message.type() === 'error') console.error('console:', message.text()); });
try {
  await page.goto(base);
  await page.getByLabel('API token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const name = `E2E ${Date.now()}`;
  page.once('dialog', (dialog) => dialog.accept(name));
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.locator('.react-flow__pane').waitFor();

  const pane = page.locator('.react-flow__pane');
  const drop = async (type, x, y) => {
    await page.locator(`.palette-item[data-node-type="${type}"]`).dragTo(pane, { targetPosition: { x, y } });
  };
  await drop('manual-trigger', 150, 250);
  await drop('transform', 450, 250);
  await drop('transform', 750, 250);
  await page.locator('.react-flow__node').nth(2).waitFor();

  const ids = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  // Selects a node by clicking it until the panel shows it: a click right after a connection drag
  // is sometimes taken by React Flow as part of that gesture.
  const select = async (id, name) => {
    for (let attempt = 1; ; attempt++) {
      await page.locator(`.react-flow__node[data-id="${id}"]`).click();
      try {
        await page.waitForFunction((expected) =>
          document.querySelector('[aria-label="Node settings"] input')?.value === expected, name, { timeout: 3_000 });
        return;
      } catch (notYet) {
        if (attempt === 3) throw notYet;
      }
    }
  };
  const connect = async (from, to) => {
    await page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`).first()
      .dragTo(page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`));
  };
  await connect(ids[0], ids[1]);
  await connect(ids[1], ids[2]);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);

  // The panel follows the selection: it must show this node before typing into it.
  await select(ids[1], 'Transform');
  const fields = page.getByLabel('Node settings').locator('textarea').first();
  await fields.fill('{"greeting": "hello ${input.who}"}');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  await page.screenshot({ path: join(shots, 'canvas-built.png') });

  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('[data-testid="run-status"]', { hasText: 'SUCCESS' }).waitFor({ timeout: 20_000 });
  await page.locator('.wf-node.state-completed').nth(2).waitFor();
  await page.screenshot({ path: join(shots, 'canvas-after-run.png') });

  // The configured node's data, from the run just made.
  await page.locator(`.react-flow__node[data-id="${ids[1]}"]`).click();
  await page.getByLabel('Node data').locator('pre.json', { hasText: '"greeting": "hello ' }).waitFor();

  // The run in the history, opened on the canvas.
  await page.locator('.run-item[data-status="SUCCESS"]').first().click();
  await page.getByText('Viewing run').waitFor();
  await page.locator('.wf-node.state-completed').nth(2).waitFor();
  await page.screenshot({ path: join(shots, 'canvas-run-history.png') });
  await page.getByRole('button', { name: 'Back to live' }).click();

  // A trigger that declares inputs asks for them at Run; the run uses them.
  await select(ids[0], 'Manual Trigger');
  await page.getByLabel('Node settings').locator('textarea').first()
    .fill('[{"name": "who", "type": "text", "required": true}]');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const inputs = page.getByRole('form', { name: 'Run inputs' });
  await inputs.getByLabel('who').fill('Ada');
  await inputs.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.run-item[data-status="SUCCESS"]').length === 2,
    undefined, { timeout: 20_000 });
  await page.locator(`.react-flow__node[data-id="${ids[1]}"]`).click();
  await page.getByLabel('Node data').locator('pre.json', { hasText: '"greeting": "hello Ada"' }).waitFor();
  await page.screenshot({ path: join(shots, 'canvas-run-with-inputs.png') });

  // Copy two connected nodes and paste them: two new nodes and the edge between them, all saved.
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.locator(`.react-flow__node[data-id="${ids[1]}"]`).click();
  await page.keyboard.down('Control');
  await page.locator(`.react-flow__node[data-id="${ids[2]}"]`).click();
  await page.keyboard.up('Control');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 5
    && document.querySelectorAll('.react-flow__edge').length === 3);
  await page.getByTestId('saving').filter({ hasText: 'All changes saved' }).waitFor();
  console.log(`ok: built, connected, configured and ran "${name}"; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'canvas-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
