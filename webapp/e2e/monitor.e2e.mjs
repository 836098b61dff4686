// End-to-end test of a command run from the canvas and watched in the Monitor, in headless Chromium
// (Debian's), driven by playwright-core, against a running server and a workflow made for it
// (MonitorCanvasE2EIT builds it): a manual trigger, then a command node (COMMAND_NODE_ID) printing
// `::step::One`, STEP_ONE_LINES lines `one N`, `::step::Two`, STEP_TWO_LINES lines `two N`, a line every
// quarter second, and writing report.txt (REPORT_TEXT), which its `collect` keeps.
// Open the workflow from the list, press the editor's Run, see the command node running on the canvas,
// go to the Monitor, find the run in the list while it runs, open it, watch the console fill live with
// both steps, download report.txt, upload a file, have one over ARTIFACT_MAX_MB refused, filter.
//
//   ORCHESTRATOR_URL=… ORCHESTRATOR_TOKEN=… WORKFLOW_ID=… WORKFLOW_NAME=… COMMAND_NODE_ID=… \
//   STEP_ONE_LINES=60 STEP_TWO_LINES=16 REPORT_TEXT=… ARTIFACT_MAX_MB=5 node e2e/monitor.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, reportPageErrors, signIn } from './steps.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const workflowId = process.env.WORKFLOW_ID;
const workflowName = process.env.WORKFLOW_NAME;
const commandNodeId = process.env.COMMAND_NODE_ID;
const stepOneLines = Number(process.env.STEP_ONE_LINES);
const stepTwoLines = Number(process.env.STEP_TWO_LINES);
const report = process.env.REPORT_TEXT;
const maxMb = Number(process.env.ARTIFACT_MAX_MB);
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token || !workflowId || !workflowName || !commandNodeId || !stepOneLines || !stepTwoLines || !report || !maxMb) {
  throw new Error(
    'Set ORCHESTRATOR_TOKEN, WORKFLOW_ID, WORKFLOW_NAME, COMMAND_NODE_ID, STEP_*_LINES, REPORT_TEXT, ARTIFACT_MAX_MB',
  );
}
mkdirSync(shots, { recursive: true });

const expectedLines = [
  '::step::One',
  ...Array.from({ length: stepOneLines }, (_, i) => `one ${i + 1}`),
  '::step::Two',
  ...Array.from({ length: stepTwoLines }, (_, i) => `two ${i + 1}`),
];

const { context, page } = await launchBrowser('monitor-e2e');
page.setDefaultTimeout(10_000);
reportPageErrors(page);
try {
  await page.goto(base);
  await signIn(page, token);

  // The workflow, found in the list and opened on the canvas, its socket live before the run starts.
  await page.getByPlaceholder('Search workflows').fill(workflowName);
  await page.getByRole('link', { name: workflowName, exact: true }).click();
  const commandNode = page.locator(`.react-flow__node[data-id="${commandNodeId}"]`);
  await commandNode.waitFor({ timeout: 20_000 });
  await page
    .getByTestId('live')
    .filter({ hasText: /^Live$/ })
    .waitFor({ timeout: 20_000 });

  // Run, as a person does: the editor's button. Its answer, watched and not made, names the run.
  const [answer] = await Promise.all([
    page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && response.url().endsWith(`/workflow/${workflowId}/start_execution/`),
    ),
    page.getByRole('button', { name: 'Run', exact: true }).click(),
  ]);
  if (!answer.ok()) throw new Error(`the Run button's start was answered ${answer.status()}`);
  const taskId = (await answer.json()).task_id;

  // The command shows running on the canvas, and the run under way in the bar.
  await commandNode.locator('.wf-node.state-running').waitFor({ timeout: 20_000 });
  const runningSince = Date.now();
  assertEqual(await commandNode.getByTestId('node-run').textContent(), 'running', 'the command node on the canvas');
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^STARTED$/ })
    .waitFor();
  await page.screenshot({ path: join(shots, 'monitor-canvas-running.png') });

  // The Monitor lists the run while it is under way (the list is polled, not told).
  await page.getByRole('button', { name: 'Monitor', exact: true }).click();
  const monitor = page.getByRole('main', { name: 'Monitor' });
  await monitor.waitFor();
  await page.getByLabel('Workflow').selectOption({ label: workflowName });
  const row = monitor.locator(`tr[data-run-id="${taskId}"]`);
  await row.waitFor({ timeout: 15_000 });
  assertEqual(await row.getAttribute('data-status'), 'STARTED', 'the run in the list while its command runs');
  assertEqual(await monitor.locator('tr[data-run-id]').count(), 1, "the workflow's runs in the list");
  await row.getByRole('button', { name: workflowName }).click();

  // The console is live while step One still runs: the lines printed before it opened are counted, not shown.
  const run = page.getByRole('region', { name: 'Run' });
  const consoleLines = run.getByRole('log').locator('.console-line');
  await consoleLines
    .filter({ hasText: /^one \d+$/ })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error('no line of step One came live: the console opened after step One (longer for this machine?)');
    });
  const consoleAfter = ((Date.now() - runningSince) / 1000).toFixed(1);

  // Step Two starts while the console watches: lines and the step come live, the run still under way.
  await run.locator('.console-step[data-status="running"]', { hasText: 'Two' }).waitFor({ timeout: 30_000 });
  await consoleLines.filter({ hasText: /^two 2$/ }).waitFor();
  const shownLive = await consoleLines.count();
  assertEqual(await run.getByTestId('monitor-run-status').textContent(), 'STARTED', 'the run while step Two runs');
  await page.screenshot({ path: join(shots, 'monitor-live.png') });

  await run.getByTestId('monitor-run-status').filter({ hasText: 'SUCCESS' }).waitFor({ timeout: 30_000 });
  await run.locator('.console-step[data-status="completed"]').nth(1).waitFor();
  assertEqual(
    await run.locator('.console-step .step-name').allTextContents(),
    ['One', 'Two'],
    'the steps once the run is over',
  );
  await consoleLines.filter({ hasText: `two ${stepTwoLines}` }).waitFor();
  assertEqual(await consoleLines.allTextContents(), expectedLines, 'the console once the run is over');
  if (shownLive >= expectedLines.length) throw new Error('every line was there before step Two ended');

  // The collected file, downloaded through the page (fetch with the token, then a blob), byte for byte.
  const files = run.getByRole('region', { name: 'Artifacts' });
  const reportRow = files.locator('tr', { hasText: 'report.txt' });
  await reportRow.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    reportRow.getByRole('button', { name: 'Download' }).click(),
  ]);
  assertEqual(download.suggestedFilename(), 'report.txt', 'the downloaded file name');
  assertEqual(readFileSync(await download.path(), 'utf8'), report, 'the downloaded bytes');

  // An upload is listed with the run's files; one past the server's limit is refused with its message.
  const picker = files.getByLabel('File to upload');
  await picker.setInputFiles({
    name: 'monitor-note.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('checked in the monitor\n'),
  });
  await files.getByRole('button', { name: 'Upload', exact: true }).click();
  await files.locator('tr', { hasText: 'monitor-note.txt' }).waitFor();
  await picker.setInputFiles({
    name: 'too-big.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc((maxMb + 1) * 1024 * 1024),
  });
  await files.getByRole('button', { name: 'Upload', exact: true }).click();
  await files
    .getByRole('alert')
    .filter({ hasText: `larger than ${maxMb} MB` })
    .waitFor();
  await page.screenshot({ path: join(shots, 'monitor-after-run.png') });

  // The status filter: the run is gone among the failures, back among the successes.
  await page.getByLabel('Status').selectOption('FAILURE');
  await monitor.getByText('No runs match these filters.').waitFor();
  await page.getByLabel('Status').selectOption('SUCCESS');
  await row.waitFor();
  console.log(
    `ok: ran "${workflowName}" from the canvas, watched run ${taskId} live (its console ${consoleAfter} s after the node ran on the canvas) and downloaded its report; screenshots in ${shots}`,
  );
} catch (failed) {
  await page.screenshot({ path: join(shots, 'monitor-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
