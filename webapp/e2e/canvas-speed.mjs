// How fast the canvas opens a large workflow and how smoothly it pans and zooms, in headless
// Chromium (bench/canvas-ui-bench.sh runs it; see docs/PERFORMANCE.md).
//
//   ORCHESTRATOR_URL=... ORCHESTRATOR_TOKEN=... WORKFLOW_ID=... NODES=1000 node e2e/canvas-speed.mjs
// Prints one JSON line: open_ms (navigation to every node in view drawn, below) and where it went
// (open_steps), and frame times while panning and zooming the fitted view (p50, p95, max, frames over
// 50 ms; also split into the drags and the wheel zooms), then closer in (into_detail_*, detail_*),
// measured with requestAnimationFrame in the page. UI_DIST (a front-end build's dist directory) serves
// the page and its assets from those files instead of the server, to compare two builds on one server;
// VARIANT labels the line. TRACE=file.json saves a Chromium trace of the pans and zooms (Perfetto or
// DevTools open it; it slows the frames it records).
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { launchBrowser } from './browser.mjs';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const nodes = Number(process.env.NODES ?? 1000);
const { context, page } = await launchBrowser('canvas-speed');
await page.addInitScript(
  (token) => sessionStorage.setItem('orchestrator.token', token),
  process.env.ORCHESTRATOR_TOKEN,
);
const dist = process.env.UI_DIST;
if (dist) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  await context.route(
    (url) => url.href.startsWith(base) && !url.pathname.startsWith('/api/'),
    async (route) => {
      const path = new URL(route.request().url()).pathname.replace(/^\/$/, '/index.html');
      const body = await readFile(join(dist, path)).catch(() => null);
      if (body === null) return route.fulfill({ status: 404 });
      return route.fulfill({ body, contentType: types[extname(path)] ?? 'application/octet-stream' });
    },
  );
}

// Open time: from navigation until every node in view is drawn, in a view that has stopped moving (the
// canvas fits the graph once the first nodes are measured) for three frames. Nodes out of view count
// only where the canvas draws them (React Flow's onlyRenderVisibleElements draws the ones in view only).
// Which nodes are in view follows from their stored positions, at least the size of a node with a short
// name, and the viewport's transform.
const canvas = await (
  await fetch(new URL(`api/workflow/${process.env.WORKFLOW_ID}/canvas_data/`, base), {
    headers: { Authorization: `Bearer ${process.env.ORCHESTRATOR_TOKEN}` },
  })
).json();
const positions = canvas.nodes.map((node) => [node.id, node.position.x, node.position.y]);
if (positions.length !== nodes) throw new Error(`the workflow has ${positions.length} nodes, not ${nodes}`);
const started = Date.now();
await page.goto(`${base}#${process.env.WORKFLOW_ID}`);
// A node not drawn yet counts as the size of a short-named one: NODE_SIZE_BEFORE_DRAWN in src/canvasView.ts.
const nodeSize = { width: 160, height: 53 };
const drawnAtOpen = await page.waitForFunction(
  ([all, size]) => {
    const viewport = document.querySelector('.react-flow__viewport');
    const overview = document.querySelector('.overview-layer');
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    const drawn = document.querySelectorAll('.react-flow__node');
    if (!viewport || !pane || (drawn.length === 0 && !overview?.dataset.drawn)) return false;
    // Zoomed out, a large graph is drawn on the overview's canvas, which says how many nodes it drew, and for which view.
    const transform = overview ? overview.dataset.transform : viewport.style.transform;
    const [x, y, zoom] = (transform.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
    const ids = new Set([...drawn].map((element) => element.dataset.id));
    const inView = all.filter(
      ([, nx, ny]) =>
        nx * zoom + x < pane.width &&
        (nx + size.width) * zoom + x > 0 &&
        ny * zoom + y < pane.height &&
        (ny + size.height) * zoom + y > 0,
    );
    const check = window.openCheck ?? { transform: '', frames: 0 };
    const complete = overview ? Number(overview.dataset.drawn) >= inView.length : inView.every(([id]) => ids.has(id));
    if (complete && check.transform === transform) check.frames++;
    else Object.assign(check, { frames: 0, completeAt: complete ? Date.now() : null });
    check.transform = transform;
    window.openCheck = check;
    return (
      check.frames >= 3 && {
        drawn: overview ? Number(overview.dataset.drawn) : drawn.length,
        completeAt: check.completeAt,
      }
    );
  },
  [positions, nodeSize],
  { timeout: 60_000, polling: 'raf' },
);
const { drawn: nodesDrawnAtOpen, completeAt } = await drawnAtOpen.jsonValue();
// The page's clock and this one are the machine's; the three frames that confirmed the view do not count.
const openMs = completeAt - started;

// Where the open time went, from the page's own timings (ms since navigation): the document, the
// script, each API call, and when the view was complete.
const openSteps = await page.evaluate((complete) => {
  const [navigation] = performance.getEntriesByType('navigation');
  const steps = { document: navigation.responseEnd, dom_ready: navigation.domContentLoadedEventEnd };
  for (const entry of performance.getEntriesByType('resource')) {
    const path = new URL(entry.name).pathname;
    const name = path.startsWith('/api/') ? path.replace(/^\/api\/(workflow\/[^/]+\/)?/, '') : path.split('/').pop();
    if (/\.js$|^[a-z_]+\/$/.test(name)) steps[name] = [Math.round(entry.startTime), Math.round(entry.responseEnd)];
  }
  steps.view_complete = complete - performance.timeOrigin;
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Array.isArray(v) ? v : Math.round(v)]));
}, completeAt);

await page.evaluate(() => {
  window.frameTimes = [];
  window.phase = 'idle';
  let last = performance.now();
  const tick = (now) => {
    window.frameTimes.push([window.phase, now - last]);
    last = now;
    window.frameLoop = requestAnimationFrame(tick);
  };
  window.frameLoop = requestAnimationFrame(tick);
});
const traceEvents = [];
const cdp = process.env.TRACE ? await context.newCDPSession(page) : null;
if (cdp) {
  cdp.on('Tracing.dataCollected', (event) => traceEvents.push(...event.value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'cc',
        'blink.user_timing',
      ],
    },
  });
}
const pane = await page.locator('.react-flow__pane').boundingBox();
// A drag pans only if it starts on the empty pane: on a node or an edge (whose invisible 20 px
// interaction stroke covers much of a dense graph) React Flow does not pan, and the frames would
// measure nothing (at the bench graph's first zoom, under 1 % of the pane is empty). So each drag
// starts at the empty spot nearest the middle, and each drag and each zoom must move the viewport.
const emptySpot = () =>
  page.evaluate(({ x, y, width, height }) => {
    const [mx, my] = [x + width / 2, y + height / 2];
    for (let r = 0; r < Math.max(width, height) / 2; r += 6) {
      const steps = Math.max(1, Math.round((2 * Math.PI * r) / 6));
      for (let i = 0; i < steps; i++) {
        const [px, py] = [mx + r * Math.cos((2 * Math.PI * i) / steps), my + r * Math.sin((2 * Math.PI * i) / steps)];
        if (
          px > x + 10 &&
          px < x + width - 10 &&
          py > y + 10 &&
          py < y + height - 10 &&
          document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')
        )
          return { x: px, y: py };
      }
    }
    throw new Error('no empty spot on the pane to start a drag from');
  }, pane);
const viewport = () => page.evaluate(() => document.querySelector('.react-flow__viewport').style.transform);
// A phase ends two frames after its last input (those frames draw it); the look-ups between
// phases count as 'idle', not as the canvas's work.
const phase = (name) =>
  page.evaluate(
    (next) =>
      new Promise((done) => {
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            window.phase = next;
            performance.mark(`phase ${next}`);
            done();
          }),
        );
      }),
    name,
  );
for (let round = 0; round < 3; round++) {
  await phase('idle');
  const { x, y } = await emptySpot();
  let before = await viewport();
  await phase('pan');
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 0; step < 30; step++) await page.mouse.move(x - step * 10, y - step * 5);
  await page.mouse.up();
  await phase('idle');
  if ((await viewport()) === before) throw new Error(`drag ${round + 1} did not pan the canvas`);
  before = await viewport();
  await phase('zoom');
  for (let step = 0; step < 10; step++) await page.mouse.wheel(0, round % 2 ? 120 : -120);
  await phase('idle');
  if ((await viewport()) === before) throw new Error(`zoom ${round + 1} did not zoom the canvas`);
}
// Then closer, where a large graph's nodes are React Flow's elements again (those in view): the wheel
// steps until they show ('into-detail', the switch from the overview), a drag and five more steps in
// ('detail'). Reported apart from the figures above, which are the fitted view's.
const nodeElements = () => page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
await phase('into-detail');
// The wheel turns over the node nearest the middle of the pane, wherever the pans left the graph.
{
  const transform = await page.evaluate(
    () =>
      document.querySelector('.overview-layer')?.dataset.transform ??
      document.querySelector('.react-flow__viewport').style.transform,
  );
  const [x, y, zoom] = (transform.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
  const onScreen = positions.map(([, nx, ny]) => [pane.x + x + (nx + 80) * zoom, pane.y + y + (ny + 26) * zoom]);
  const [middleX, middleY] = [pane.x + pane.width / 2, pane.y + pane.height / 2];
  const distance = ([px, py]) => Math.hypot(px - middleX, py - middleY);
  const [nearestX, nearestY] = onScreen.reduce((best, point) => (distance(point) < distance(best) ? point : best));
  await page.mouse.move(nearestX, nearestY);
}
for (let step = 0; step < 25 && (await nodeElements()) === 0; step++) await page.mouse.wheel(0, -120);
await page
  .waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 0, null, { timeout: 5_000 })
  .catch(() => {
    throw new Error('zooming in did not draw any node');
  });
await phase('idle');
{
  const { x, y } = await emptySpot();
  await phase('detail');
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 0; step < 30; step++) await page.mouse.move(x - step * 10, y - step * 5);
  await page.mouse.up();
  for (let step = 0; step < 5; step++) await page.mouse.wheel(0, -120);
  await phase('idle');
}
if (cdp) {
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  await writeFile(process.env.TRACE, JSON.stringify({ traceEvents }));
}
const timed = await page.evaluate(() => {
  cancelAnimationFrame(window.frameLoop);
  return window.frameTimes.slice(1);
});
await context.close();

const sorted = (only) =>
  timed
    .filter(([p]) => (only ? p === only : p === 'pan' || p === 'zoom'))
    .map(([, t]) => t)
    .sort((a, b) => a - b);
const at = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const frames = sorted();
const pan = sorted('pan');
const zoom = sorted('zoom');
const intoDetail = sorted('into-detail');
const detail = sorted('detail');
console.log(
  JSON.stringify({
    ...(process.env.VARIANT ? { variant: process.env.VARIANT } : {}),
    nodes,
    open_ms: openMs,
    nodes_drawn_at_open: nodesDrawnAtOpen,
    open_steps: openSteps,
    frames: frames.length,
    frame_p50_ms: +at(frames, 0.5).toFixed(1),
    frame_p95_ms: +at(frames, 0.95).toFixed(1),
    frame_max_ms: +frames[frames.length - 1].toFixed(1),
    frames_over_50ms: frames.filter((t) => t > 50).length,
    pan_frames: pan.length,
    pan_p95_ms: +at(pan, 0.95).toFixed(1),
    pan_over_50ms: pan.filter((t) => t > 50).length,
    zoom_frames: zoom.length,
    zoom_p95_ms: +at(zoom, 0.95).toFixed(1),
    zoom_over_50ms: zoom.filter((t) => t > 50).length,
    into_detail_max_ms: intoDetail.length ? +intoDetail[intoDetail.length - 1].toFixed(1) : 0,
    detail_frames: detail.length,
    detail_p95_ms: +at(detail, 0.95).toFixed(1),
    detail_over_50ms: detail.filter((t) => t > 50).length,
  }),
);
