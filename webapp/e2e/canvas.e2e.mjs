// End-to-end test of the canvas in headless Chromium (Debian's), driven by playwright-core,
// against a running server: sign in, create a workflow, drag three nodes from the palette,
// connect them, set a transform field, run, see all three completed, read the node's output and
// open the run from the history, run again with the trigger's declared input, and copy and paste.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/canvas.e2e.mjs
// axe-core checks the sign-in page, the list and the editor with a panel open (e2e/a11y.mjs).
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { checkAccessibility } from './a11y.mjs';
import { launchBrowser } from './browser.mjs';
import {
  assertEqual,
  dropNode,
  fromServer,
  link,
  pageMessages,
  refusalsByPolicy,
  reportPageErrors,
  selectNode,
  signIn,
} from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('canvas-e2e');

// The acceptance walk-through: trigger → wait → condition → two transforms, built in the canvas only,
// run with an input; screenshots during the run (the wait running) and after it (one branch taken,
// the other skipped). These are the README's pictures.
async function branchingWorkflow() {
  await page.getByRole('button', { name: 'Workflow Orchestrator' }).click();
  page.once('dialog', (dialog) => dialog.accept('Order review'));
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.locator('.react-flow__pane').waitFor();
  const drop = async (type, x, y, name, fill) => {
    const id = await dropNode(page, type, x, y);
    await selectNode(page, id);
    const panel = page.getByLabel('Node settings');
    await panel.locator('input').first().fill(name);
    for (const [label, value] of Object.entries(fill))
      // The field itself, not a hint beside it: an expression or JSON field is a plain input until the
      // expression editor has loaded, then the editor's content (the locator finds it again).
      await panel
        .locator('input, textarea, .cm-content')
        .and(panel.getByLabel(label, { exact: false }))
        .first()
        .fill(value);
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved', { exact: true }).waitFor();
    await page.waitForFunction(
      ([nodeId, text]) =>
        document.querySelector(`.react-flow__node[data-id="${nodeId}"] .wf-node-name`)?.textContent === text,
      [id, name],
    );
    return id;
  };
  const trigger = await drop('manual-trigger', 40, 260, 'Order received', {
    Inputs: '[{"name": "amount", "type": "number", "required": true}]',
  });
  const wait = await drop('wait', 240, 260, 'Check stock', { Seconds: '3' });
  const condition = await drop('condition', 440, 260, 'Over 100?', { Expression: '${input.amount > 100}' });
  const review = await drop('transform', 680, 170, 'Ask for review', {
    Fields: '{"review": true, "amount": "${input.amount}"}',
  });
  const approve = await drop('transform', 680, 350, 'Approve', { Fields: '{"review": false}' });
  await link(page, trigger, 'default', wait);
  await link(page, wait, 'default', condition);
  await link(page, condition, 'true', review);
  await link(page, condition, 'false', approve);
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.getByRole('button', { name: 'fit view' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const inputs = page.getByRole('form', { name: 'Run inputs' });
  await inputs.getByLabel('amount').fill('250');
  await inputs.getByRole('button', { name: 'Run' }).click();
  // The run starts on a Quartz thread, which the suite's other tests keep busy: CI once saw no running node
  // within 10 s here (the cause unseen; a failure now prints what the page said and the API refused).
  await page
    .locator(
      `.react-flow__node[data-id="${wait}"] .wf-node.state-waiting, .react-flow__node[data-id="${wait}"] .wf-node.state-running`,
    )
    .waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(shots, 'walkthrough-during-run.png') });
  await page.locator('[data-testid="run-status"]', { hasText: 'SUCCESS' }).waitFor({ timeout: 20_000 });
  await page.locator(`.react-flow__node[data-id="${review}"] .wf-node.state-completed`).waitFor();
  await page.locator(`.react-flow__node[data-id="${approve}"] .wf-node.state-skipped`).waitFor();
  await page.locator(`.react-flow__node[data-id="${review}"]`).click();
  await page.getByLabel('Node data').locator('pre.json', { hasText: '"review": true' }).waitFor();
  await page.screenshot({ path: join(shots, 'walkthrough-after-run.png') });
}
page.setDefaultTimeout(10_000);
reportPageErrors(page);
// What the server's Content-Security-Policy made the browser refuse (an inline style or script, a foreign
// connection): the walk-through must need none of it.
const refusedByPolicy = refusalsByPolicy(page);
try {
  await page.goto(base);
  await page.getByLabel('API token').waitFor();
  await checkAccessibility(page, 'the sign-in page');
  await signIn(page, 'not-a-token');
  await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
  await signIn(page, token);
  await page.locator('main.list table').waitFor();
  await checkAccessibility(page, 'the workflow list');

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

  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  const connect = async (from, to) => {
    await page
      .locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`)
      .first()
      .dragTo(page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`));
  };
  await connect(ids[0], ids[1]);
  await connect(ids[1], ids[2]);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);
  // A connection that would close a cycle is refused, and the canvas says why.
  await page.getByRole('button', { name: 'fit view' }).click();
  await connect(ids[2], ids[1]);
  await page.getByRole('alert').filter({ hasText: 'would close a cycle' }).waitFor();
  assertEqual(await page.locator('.react-flow__edge').count(), 2, 'edges after a refused connection');

  // The panel follows the selection: it must show this node before typing into it.
  await selectNode(page, ids[1]);
  const fields = page.getByLabel('Node settings').locator('textarea').first();
  await fields.fill('{"greeting": "hello ${input.who}"}');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved', { exact: true }).waitFor();
  await checkAccessibility(page, 'the editor with a node panel open');
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
  await selectNode(page, ids[0]);
  await page
    .getByLabel('Node settings')
    .locator('textarea')
    .first()
    .fill('[{"name": "who", "type": "text", "required": true}]');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const inputs = page.getByRole('form', { name: 'Run inputs' });
  await inputs.getByLabel('who').fill('Ada');
  await inputs.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(
    () => document.querySelectorAll('.run-item[data-status="SUCCESS"]').length === 2,
    undefined,
    { timeout: 20_000 },
  );
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
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.react-flow__node').length === 5 &&
      document.querySelectorAll('.react-flow__edge').length === 3,
  );
  await page.getByTestId('saving').filter({ hasText: 'All changes saved' }).waitFor();

  // Undo and redo keep the server right: undo the paste (both nodes and their edge gone, on the
  // server too), redo it (the same ids back); delete a node, undo: it is back with its edges.
  const workflowId = await page.evaluate(() => location.hash.slice(1));
  const saved = async () => {
    const stored = await fromServer(page, `workflow/${workflowId}/canvas_data/`);
    return { nodes: stored.nodes.map((node) => node.id).sort(), edges: stored.edges.map((edge) => edge.id).sort() };
  };
  const shows = (nodeCount, edgeCount) =>
    page.waitForFunction(
      ([n, e]) =>
        document.querySelectorAll('.react-flow__node').length === n &&
        document.querySelectorAll('.react-flow__edge').length === e,
      [nodeCount, edgeCount],
    );
  const settled = () => page.getByTestId('saving').filter({ hasText: 'All changes saved' }).waitFor();
  const afterPaste = await saved();
  const beforePaste = {
    nodes: [...ids].sort(),
    edges: (await saved()).edges.filter((id) => !afterPaste.edges.includes(id)),
  };
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Control+z');
  await shows(3, 2);
  await settled();
  assertEqual((await saved()).nodes, beforePaste.nodes, 'nodes on the server after undoing the paste');
  await page.keyboard.press('Control+Shift+z');
  await shows(5, 3);
  await settled();
  assertEqual(await saved(), afterPaste, 'canvas on the server after redoing the paste');
  await page.locator(`.react-flow__node[data-id="${ids[2]}"]`).click();
  await page.keyboard.press('Delete');
  await shows(4, 2);
  await settled();
  assertEqual((await saved()).nodes.length, 4, 'nodes on the server after the delete');
  await page.keyboard.press('Control+z');
  await shows(5, 3);
  await settled();
  assertEqual(await saved(), afterPaste, 'canvas on the server after undoing the delete');

  // The node's run settings: disabled, three attempts; saved on the server, shown on the canvas.
  await selectNode(page, ids[2]);
  const panel = page.getByLabel('Node settings');
  await panel.getByText('Run settings').click();
  await panel.getByLabel('Disabled').check();
  await panel.getByLabel('Attempts').fill('3');
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Saved', { exact: true }).waitFor();
  await page.locator(`.react-flow__node[data-id="${ids[2]}"] .wf-node.disabled`).waitFor();
  const stored = await fromServer(page, `workflow/${workflowId}/nodes/${ids[2]}/`);
  assertEqual([stored.disabled, stored.retry.max_attempts], [true, 3], 'run settings on the server');

  await branchingWorkflow();
  assertEqual(refusedByPolicy, [], 'what the Content-Security-Policy refused');
  console.log(`ok: built, connected, configured and ran "${name}"; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'canvas-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  console.error('the page said:', JSON.stringify(await pageMessages(page).catch(() => [])));
  process.exitCode = 1;
} finally {
  await context.close();
}
