// End-to-end test of the Monitor in headless Chromium (Debian's), driven by playwright-core, against a
// running server and a workflow made for it (MonitorCanvasE2EIT builds it): a manual trigger, then a
// command printing `::step::One`, STEP_ONE_LINES lines `one N`, `::step::Two`, STEP_TWO_LINES lines
// `two N`, a line every quarter second, and writing report.txt (REPORT_TEXT), which its `collect` keeps.
// Open the Monitor, start the run, see it appear in the list, open it, watch the console fill live with
// both steps, download report.txt, upload a file, have one over ARTIFACT_MAX_MB refused, filter.
//
//   ORCHESTRATOR_URL=… ORCHESTRATOR_TOKEN=… WORKFLOW_ID=… WORKFLOW_NAME=… STEP_ONE_LINES=16 STEP_TWO_LINES=8 \
//   REPORT_TEXT=… ARTIFACT_MAX_MB=5 node e2e/monitor.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, reportPageErrors, signIn } from './steps.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const workflowId = process.env.WORKFLOW_ID;
const workflowName = process.env.WORKFLOW_NAME;
const stepOneLines = Number(process.env.STEP_ONE_LINES);
const stepTwoLines = Number(process.env.STEP_TWO_LINES);
const report = process.env.REPORT_TEXT;
const maxMb = Number(process.env.ARTIFACT_MAX_MB);
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token || !workflowId || !workflowName || !stepOneLines || !stepTwoLines || !report || !maxMb) {
  throw new Error('Set ORCHESTRATOR_TOKEN, WORKFLOW_ID, WORKFLOW_NAME, STEP_*_LINES, REPORT_TEXT, ARTIFACT_MAX_MB');
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
  await page.getByRole('button', { name: 'Monitor', exact: true }).click();
  const monitor = page.getByRole('main', { name: 'Monitor' });
  await monitor.waitFor();
  await page.getByLabel('Workflow').selectOption({ label: workflowName });

  // Started behind the page's back: the list has to find it by itself.
  const taskId = await page.evaluate(async (id) => {
    const answer = await fetch(`api/workflow/${id}/start_execution/`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sessionStorage.getItem('orchestrator.token')}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    return (await answer.json()).task_id;
  }, workflowId);
  const row = monitor.locator(`tr[data-run-id="${taskId}"]`);
  await row.waitFor({ timeout: 6_000 });
  const listed = await row.getAttribute('data-status');
  if (!['PENDING', 'STARTED'].includes(listed)) throw new Error(`the new run is listed as ${listed}`);
  await row.getByRole('button', { name: workflowName }).click();

  // Step Two starts while the console watches: lines and the step come live, the run still under way.
  const run = page.getByRole('region', { name: 'Run' });
  const consoleLines = run.getByRole('log').locator('.console-line');
  await run.locator('.console-step[data-status="running"]', { hasText: 'Two' }).waitFor({ timeout: 15_000 });
  await consoleLines.filter({ hasText: /^two 2$/ }).waitFor();
  const shownLive = await consoleLines.count();
  assertEqual(await run.getByTestId('monitor-run-status').textContent(), 'STARTED', 'the run while step Two runs');
  await page.screenshot({ path: join(shots, 'monitor-live.png') });

  await run.getByTestId('monitor-run-status').filter({ hasText: 'SUCCESS' }).waitFor({ timeout: 20_000 });
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
  console.log(`ok: watched run ${taskId} of "${workflowName}" live and downloaded its report; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'monitor-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
