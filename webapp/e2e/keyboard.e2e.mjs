// The canvas with the keyboard alone, in headless Chromium against a running server: a workflow built
// from the palette with the arrow keys and Enter (each node added after the selected one, connected to
// it), moved through node by node, a node's panel opened with Enter, its fields walked with Tab, saved,
// closed with Escape (the focus back on the node), the node deleted with Delete and brought back with
// Ctrl+Z. axe-core checks the sign-in page, the list and the editor with a panel open.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/keyboard.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkAccessibility } from './a11y.mjs';
import { launchBrowser } from './browser.mjs';
import { assertEqual, fromServer, reportPageErrors, signIn } from './steps.mjs';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('keyboard-e2e');
page.setDefaultTimeout(10_000);
reportPageErrors(page);

const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement;
    return {
      node: element?.classList.contains('react-flow__node') ? element.getAttribute('data-id') : null,
      label: element?.getAttribute('aria-label') || element?.labels?.[0]?.textContent?.trim() || element?.textContent,
      tag: element?.tagName,
    };
  });
const nodeIds = () =>
  page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
const counted = (nodes, edges) =>
  page.waitForFunction(
    ([n, e]) =>
      document.querySelectorAll('.react-flow__node').length === n &&
      document.querySelectorAll('.react-flow__edge').length === e,
    [nodes, edges],
  );

/** Types a search into the palette and adds its first match with ArrowDown and Enter. */
async function addFromPalette(search, nodes, edges) {
  const before = await nodeIds();
  const box = page.getByRole('textbox', { name: 'Search nodes' });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(search);
  await page.keyboard.press('ArrowDown');
  assertEqual((await focused()).tag, 'DIV', `a palette item has the focus after ArrowDown (${search})`);
  await page.keyboard.press('Enter');
  await counted(nodes, edges);
  // The new node is selected: its panel shows it, and the next one is added after it.
  const added = (await nodeIds()).find((id) => !before.includes(id));
  await page.locator(`.react-flow__node.selected[data-id="${added}"]`).waitFor();
}

try {
  await page.goto(base);
  await page.getByLabel('API token').waitFor();
  await checkAccessibility(page, 'the sign-in page');
  await signIn(page, token);
  await page.getByRole('button', { name: 'New workflow' }).waitFor();
  await page.locator('main.list table').waitFor();
  await checkAccessibility(page, 'the workflow list');
  await page.screenshot({ path: join(shots, 'keyboard-list.png') });

  const name = `Keyboard ${Date.now()}`;
  page.once('dialog', (dialog) => dialog.accept(name));
  await page.getByRole('button', { name: 'New workflow' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.react-flow__pane').waitFor();
  const workflowId = await page.evaluate(() => location.hash.slice(1));

  await addFromPalette('manual', 1, 0);
  await addFromPalette('transform', 2, 1);
  await addFromPalette('transform', 3, 2);
  const [trigger, first, second] = await nodeIds();
  const saved = await fromServer(page, `workflow/${workflowId}/canvas_data/`);
  assertEqual(
    saved.edges.map((edge) => [edge.source, edge.target]),
    [
      [trigger, first],
      [first, second],
    ],
    'the chain built with the keyboard, on the server',
  );
  await page.screenshot({ path: join(shots, 'keyboard-built.png') });

  // Node to node with the arrow keys; Enter opens the panel with the focus in its first field.
  await page.locator(`.react-flow__node[data-id="${trigger}"]`).focus();
  await page.keyboard.press('ArrowRight');
  assertEqual((await focused()).node, first, 'ArrowRight goes to the next node');
  await page.keyboard.press('Enter');
  const panel = page.getByLabel('Node settings');
  await page.waitForFunction(
    (id) => document.activeElement?.closest(`[aria-label="Node settings"][data-node-id="${id}"]`) !== null,
    first,
  );
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Shape the order');
  // Tab walks the fields in order, down to Save.
  const walked = [];
  for (let i = 0; i < 30 && (await focused()).label !== 'Save'; i++) {
    await page.keyboard.press('Tab');
    walked.push((await focused()).label);
  }
  if (walked.at(-1) !== 'Save') throw new Error(`Tab never reached Save: ${JSON.stringify(walked)}`);
  console.log(`ok: Tab through the panel: ${walked.join(' → ')}`);
  await page.keyboard.press('Enter');
  await panel.getByText('Saved', { exact: true }).waitFor();
  await checkAccessibility(page, 'the editor with a node panel open');
  await page.screenshot({ path: join(shots, 'keyboard-panel.png') });

  // Escape closes the panel and gives the focus back to the node.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assertEqual((await focused()).node, first, 'the focus is back on the node after Escape');

  // Delete removes the focused node (its edges with it); Ctrl+Z brings the whole of it back.
  await page.keyboard.press('Delete');
  await counted(2, 0);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="saving"]')?.textContent === 'All changes saved',
  );
  assertEqual((await fromServer(page, `workflow/${workflowId}/canvas_data/`)).nodes.length, 2, 'nodes after Delete');
  await page.keyboard.press('ControlOrMeta+Z');
  await counted(3, 2);
  const restored = await fromServer(page, `workflow/${workflowId}/canvas_data/`);
  assertEqual(
    restored.nodes.find((node) => node.id === first)?.name,
    'Shape the order',
    'the deleted node, back after Ctrl+Z with its saved name',
  );
  await page.screenshot({ path: join(shots, 'keyboard-after-undo.png') });
  console.log(
    `ok: built, navigated, edited, deleted and restored "${name}" with the keyboard; screenshots in ${shots}`,
  );
} catch (failed) {
  await page.screenshot({ path: join(shots, 'keyboard-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
