// End-to-end test of a large workflow on the canvas in headless Chromium against a running server: a
// 300-node graph opens fitted, zoomed out, as the overview drawn on one canvas (no node elements); a
// click on a node there selects it and opens its panel; zooming in shows React Flow's nodes again, only
// those in view, with their edges meeting the handles; the arrow keys lead out of the view and the view
// follows; zooming out brings the overview back; the search jumps to a node from the overview.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/large-graph.e2e.mjs
// Screenshots (large-overview.png, large-selected.png, large-detail.png) go to SCREENSHOTS (default
// ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { api as callApi, assertEqual, refusalsByPolicy, reportPageErrors, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('large-graph-e2e');
page.setDefaultTimeout(15_000);
reportPageErrors(page);
const refusedByPolicy = refusalsByPolicy(page);

/** A call to the API with the signed-in token, answering the parsed body. */
const api = (method, path, body) => callApi(page, method, path, body);

const overview = page.locator('.overview-layer');
const drawnNodes = page.locator('.react-flow__node-workflowNode');
const panelOf = (id) => page.locator(`[aria-label="Node settings"][data-node-id="${id}"]`);
/** Where a node of the flow is on the screen, by the transform the overview last drew with. */
async function onScreen(position) {
  const [x, y, zoom] = (await overview.getAttribute('data-transform')).split(',').map(Number);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  return { x: pane.x + x + (position.x + 80) * zoom, y: pane.y + y + (position.y + 26) * zoom };
}

try {
  await page.goto(base);
  await signIn(page, token);
  await page.getByRole('button', { name: 'New workflow' }).waitFor();

  // 300 nodes in 15 rows of 20, each fed by the one before it and by one two rows up; one has a long name,
  // so it is wider than the size that stands in for nodes not drawn yet (its edges must follow the real one).
  const workflow = await api('POST', 'workflow/', { name: `Large graph ${Date.now()}` });
  const nodes = Array.from({ length: 300 }, (_, i) => ({
    id: `n${i}`,
    node_type: 'transform',
    name: i === 237 ? 'Needle in a very large haystack' : `Step ${i}`,
    position: { x: (i % 20) * 220, y: Math.floor(i / 20) * 120 },
    form_values: { fields: { i } },
  }));
  const edges = nodes.slice(1).map((node, i) => ({ source: `n${i}`, target: node.id }));
  for (let i = 40; i < 300; i += 7) edges.push({ source: `n${i - 40}`, target: `n${i}` });
  await api('PUT', `workflow/${workflow.id}/canvas_data/`, { version: workflow.version, nodes, edges });
  // The server gives the nodes and edges ids of its own.
  const saved = await api('GET', `workflow/${workflow.id}/canvas_data/`);
  const named = (name) => saved.nodes.find((node) => node.name === name);
  const needle = named('Needle in a very large haystack');
  const ends = Object.fromEntries(saved.edges.map((edge) => [edge.id, [edge.source, edge.target]]));

  // Opened, a graph this large is fitted and drawn as the overview: every node, no node element.
  await page.goto(`${base}#${workflow.id}`);
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector('.overview-layer')?.dataset.drawn) === 300);
  assertEqual(await drawnNodes.count(), 0, 'node elements in the overview');
  await page.screenshot({ path: join(shots, 'large-overview.png') });

  // A click on a node of the overview selects it: its panel opens.
  const at = await onScreen(needle.position);
  await page.mouse.click(at.x, at.y);
  await panelOf(needle.id).waitFor();
  assertEqual(
    await panelOf(needle.id).locator('input').first().inputValue(),
    'Needle in a very large haystack',
    'the panel of the node clicked',
  );
  await page.screenshot({ path: join(shots, 'large-selected.png') });

  // Zoomed in around it, React Flow draws the nodes in view, and only those, their edges meeting the handles.
  await page.mouse.move(at.x, at.y);
  for (let step = 0; step < 12; step++) await page.mouse.wheel(0, -120);
  await page.locator(`.react-flow__node[data-id="${needle.id}"]`).waitFor();
  await overview.waitFor({ state: 'detached' });
  const drawn = await drawnNodes.count();
  if (!(drawn > 0 && drawn < 150)) throw new Error(`expected the nodes in view only, got ${drawn} of 300`);
  await page.waitForTimeout(300); // the sizes measured as nodes appear are taken together
  const misses = await page.evaluate((endsOf) => {
    // Each drawn edge between two drawn nodes starts at its source's output handle and ends at its target's input.
    const middle = (element, side) => {
      const box = element.getBoundingClientRect();
      return [side === 'right' ? box.right : box.left, box.top + box.height / 2];
    };
    const far = [];
    for (const edge of document.querySelectorAll('.react-flow__edge')) {
      const path = edge.querySelector('path.react-flow__edge-path');
      const [source, target] = (endsOf[edge.dataset.id] ?? []).map((id) =>
        document.querySelector(`.react-flow__node[data-id="${id}"]`),
      );
      if (!path || !source || !target) continue;
      const matrix = path.getScreenCTM();
      const point = (length) => {
        const p = path.getPointAtLength(length);
        return [matrix.a * p.x + matrix.e, matrix.d * p.y + matrix.f];
      };
      const ends = [point(0), point(path.getTotalLength())];
      const handles = [
        middle(source.querySelector('.react-flow__handle.source'), 'right'),
        middle(target.querySelector('.react-flow__handle.target'), 'left'),
      ];
      ends.forEach(([x, y], i) => {
        const distance = Math.hypot(x - handles[i][0], y - handles[i][1]);
        if (distance > 2) far.push(`${edge.dataset.id}: ${distance.toFixed(1)} px`);
      });
    }
    return far;
  }, ends);
  assertEqual(misses, [], 'edge ends farther than 2 px from their handles');
  await page.screenshot({ path: join(shots, 'large-detail.png') });

  // The arrow keys go from node to node beyond the view: the view follows, the node gets the focus.
  await page.locator(`.react-flow__node[data-id="${needle.id}"]`).focus();
  for (let step = 0; step < 6; step++) await page.keyboard.press('ArrowUp');
  const sixRowsUp = named('Step 117');
  await page.waitForFunction(
    (id) => document.activeElement?.matches(`.react-flow__node[data-id="${id}"]`),
    sixRowsUp.id,
  );
  await panelOf(sixRowsUp.id).waitFor();

  // Zoomed out again: the overview; the search jumps to a node from there and selects it.
  for (let step = 0; step < 12; step++) await page.mouse.wheel(0, 120);
  await page.waitForFunction(() => Number(document.querySelector('.overview-layer')?.dataset.drawn) > 0);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await page.getByLabel('Search nodes on the canvas').fill('Step 12');
  await page.getByRole('option', { name: 'Step 12', exact: true }).waitFor();
  await page.getByLabel('Search nodes on the canvas').press('Enter');
  await page.locator(`.react-flow__node[data-id="${named('Step 12').id}"].selected`).waitFor();
  await panelOf(named('Step 12').id).waitFor();

  assertEqual(refusedByPolicy, [], 'what the Content-Security-Policy refused');
  console.log(`ok: overview, selection, detail and search on "${workflow.name}"; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'large-graph-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
