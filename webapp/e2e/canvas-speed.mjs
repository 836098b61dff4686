// How fast the canvas opens a large workflow and how smoothly it pans and zooms, in headless
// Chromium (bench/canvas-ui-bench.sh runs it; see docs/PERFORMANCE.md).
//
//   ORCHESTRATOR_URL=... ORCHESTRATOR_TOKEN=... WORKFLOW_ID=... NODES=1000 node e2e/canvas-speed.mjs
// Prints one JSON line: open_ms (navigation to every node drawn), and frame times while panning and
// zooming (p50, p95, max, frames over 50 ms), measured with requestAnimationFrame in the page.
import { launchBrowser } from './browser.mjs';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const nodes = Number(process.env.NODES ?? 1000);
const { context, page } = await launchBrowser('canvas-speed');
await page.addInitScript((token) => sessionStorage.setItem('orchestrator.token', token), process.env.ORCHESTRATOR_TOKEN);

const started = Date.now();
await page.goto(`${base}#${process.env.WORKFLOW_ID}`);
await page.waitForFunction((count) => document.querySelectorAll('.react-flow__node').length === count, nodes,
  { timeout: 60_000, polling: 'raf' });
const openMs = Date.now() - started;

await page.evaluate(() => {
  window.frameTimes = [];
  let last = performance.now();
  const tick = (now) => { window.frameTimes.push(now - last); last = now; window.frameLoop = requestAnimationFrame(tick); };
  window.frameLoop = requestAnimationFrame(tick);
});
const pane = await page.locator('.react-flow__pane').boundingBox();
const cx = pane.x + pane.width / 2;
const cy = pane.y + pane.height / 2;
for (let round = 0; round < 3; round++) {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 0; step < 30; step++) await page.mouse.move(cx - step * 10, cy - step * 5);
  await page.mouse.up();
  for (let step = 0; step < 10; step++) await page.mouse.wheel(0, round % 2 ? 120 : -120);
}
const frames = await page.evaluate(() => { cancelAnimationFrame(window.frameLoop); return window.frameTimes.slice(1); });
await context.close();

frames.sort((a, b) => a - b);
const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
console.log(JSON.stringify({ nodes, open_ms: openMs, frames: frames.length, frame_p50_ms: +at(0.5).toFixed(1),
  frame_p95_ms: +at(0.95).toFixed(1), frame_max_ms: +frames[frames.length - 1].toFixed(1),
  frames_over_50ms: frames.filter((t) => t > 50).length }));
