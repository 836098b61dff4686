// End-to-end test of an LLM pipeline with a person in the loop, in headless Chromium against a running
// server and an OpenAI-compatible model server: add the model server as a connection (and test it),
// build manual trigger → llm (two models) → human-input → transform on the canvas, run, watch the
// candidates' tokens stream in, pick the second candidate, and see the run complete with it.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... \
//   MODEL_SERVER_URL=http://127.0.0.1:8089/v1 MODEL_A=model-a MODEL_B=model-b node e2e/llm.e2e.mjs
//
// MODEL_SERVER_URL is the connection's base_url (an OpenAI-compatible server: up to and including /v1);
// the orchestrator must let it through its address guard (ORCHESTRATOR_HTTP_ALLOW). MODEL_A and
// MODEL_B are two models it serves (default model-a, model-b), each answering with a different text.
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, dropNode, fromServer, link, selectNode, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const modelServer = process.env.MODEL_SERVER_URL;
const models = [process.env.MODEL_A ?? 'model-a', process.env.MODEL_B ?? 'model-b'];
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
if (!modelServer) throw new Error('Set MODEL_SERVER_URL to the base URL of an OpenAI-compatible model server');
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('llm-e2e');
page.setDefaultTimeout(10_000);
page.on('pageerror', (error) => console.error('page error:', error.message));
page.on('console', (message) => {
  if (message.type() === 'error') console.error('console:', message.text());
});

// The run's messages as the page receives them: the streamed tokens must really come over the socket.
const streamed = [];
page.on('websocket', (socket) =>
  socket.on('framereceived', ({ payload }) => {
    try {
      const message = JSON.parse(String(payload));
      if (message.type === 'stream_token') streamed.push(message);
    } catch {
      // Not a JSON message: nothing of the run.
    }
  }),
);

/** A field's label as the panel writes it: its name first, then a required mark or help ("Prompt", not "System prompt"). */
const startingWith = (label) => new RegExp(`^${label}`);

/** Fills the selected node's generic fields (by the start of their label) and picks its choices. */
async function configure(name, fill, choose = {}) {
  const panel = page.getByLabel('Node settings');
  await panel.locator('input').first().fill(name);
  for (const [label, value] of Object.entries(fill)) await panel.getByLabel(startingWith(label)).first().fill(value);
  for (const [label, value] of Object.entries(choose))
    await panel.getByLabel(startingWith(label)).first().selectOption(value);
}
async function save() {
  const panel = page.getByLabel('Node settings');
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Saved', { exact: true }).waitFor();
}

try {
  await page.goto(base);
  await signIn(page, token);

  // The model server as a connection, made and tested on the Connections page.
  const connectionName = `Models ${Date.now()}`;
  await page.getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'New connection' }).click();
  const form = page.getByRole('form', { name: 'Connection' });
  await form.getByLabel('Name').fill(connectionName);
  await form.getByLabel('Kind').selectOption('openai');
  await form.getByLabel('Base URL').fill(modelServer);
  await form.getByLabel('Secret').fill('sk-e2e');
  await form.getByLabel('Models', { exact: false }).fill(models.join(', '));
  await form.getByRole('button', { name: 'Save' }).click();
  const row = page.getByRole('row').filter({ hasText: connectionName });
  await row.waitFor();
  await row.getByRole('button', { name: 'Test' }).click();
  await row.getByTestId('test-result').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(shots, 'llm-connection-tested.png') });

  // The pipeline, built on the canvas.
  await page.getByRole('button', { name: 'Workflows' }).click();
  const workflowName = `LLM E2E ${Date.now()}`;
  page.once('dialog', (dialog) => dialog.accept(workflowName));
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.locator('.react-flow__pane').waitFor();

  const trigger = await dropNode(page, 'manual-trigger', 60, 260);
  const llm = await dropNode(page, 'llm', 300, 260);
  const ask = await dropNode(page, 'human-input', 560, 260);
  const keep = await dropNode(page, 'transform', 820, 260);

  await selectNode(page, llm);
  await configure('Angles', { Prompt: 'Suggest one angle for an article about tides.' });
  const picker = page.locator('.models-editor');
  for (const [index, model] of models.entries()) {
    await picker.getByRole('button', { name: 'Add model' }).click();
    await picker.getByLabel(`Connection ${index + 1}`, { exact: true }).selectOption({ label: connectionName });
    await picker.getByLabel(`Model ${index + 1}`, { exact: true }).selectOption(model);
  }
  const perModel = page.getByLabel('Node settings').getByLabel(startingWith('Candidates per model'));
  if (await perModel.count()) await perModel.first().fill('1');
  await save();
  const workflowId = await page.evaluate(() => location.hash.slice(1));
  const savedLlm = await fromServer(page, `workflow/${workflowId}/nodes/${llm}/`);
  assertEqual(
    savedLlm.form_values.models.map((each) => each.model),
    models,
    'the llm node saved with both models',
  );

  await selectNode(page, ask);
  await configure('Choose', { Prompt: 'Pick the angle to write' }, { Mode: 'select_one' });
  await save();

  await selectNode(page, keep);
  await configure('Keep', { Fields: '{"chosen": "${input.selected[0].text}"}' });
  await save();

  await link(page, trigger, 'default', llm);
  await link(page, llm, 'default', ask);
  await link(page, ask, 'default', keep);
  await page.screenshot({ path: join(shots, 'llm-canvas-built.png') });

  // Run with the llm node selected: its candidates stream into the inspector.
  await selectNode(page, llm);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page
    .locator('[aria-label="Streaming candidates"] .candidate, [aria-label="Candidates"] .candidate')
    .first()
    .waitFor({
      timeout: 20_000,
    });
  await page.screenshot({ path: join(shots, 'llm-streaming.png') });

  // The person picks the second candidate.
  const panel = page.getByRole('region', { name: 'Waiting for you' });
  await panel.waitFor({ timeout: 30_000 });
  await panel.locator('.candidate').nth(1).waitFor();
  assertEqual(await panel.locator('.candidate').count(), 2, 'candidates offered to the person');
  const second = (await panel.locator('.candidate').nth(1).locator('.candidate-text').textContent()).trim();
  const first = (await panel.locator('.candidate').nth(0).locator('.candidate-text').textContent()).trim();
  if (!second || second === first) throw new Error(`two different candidates expected, got "${first}" and "${second}"`);
  const streamedModels = [...new Set(streamed.filter((message) => message.node_id === llm).map((m) => m.model))].sort();
  assertEqual(streamedModels, [...models].sort(), 'models whose tokens streamed over the WebSocket');
  await page.screenshot({ path: join(shots, 'llm-waiting-for-a-person.png') });
  await panel.getByLabel('Candidate 2').check();
  await panel.getByRole('button', { name: 'Approve' }).click();

  await page.locator('[data-testid="run-status"]', { hasText: 'SUCCESS' }).waitFor({ timeout: 20_000 });
  await page.locator(`.react-flow__node[data-id="${keep}"] .wf-node.state-completed`).waitFor();
  await selectNode(page, keep);
  await page
    .getByLabel('Node data')
    .locator('pre.json', { hasText: `"chosen": ${JSON.stringify(second)}` })
    .waitFor();

  // The run in the history carries what the models used.
  const runs = await fromServer(page, `runs/?workflow_id=${workflowId}&limit=1`);
  const run = await fromServer(page, `runs/${runs.runs[0].task_id}/`);
  if (!(run.tokens > 0 || run.tokens?.total > 0))
    throw new Error(`the run counts its tokens: ${JSON.stringify(run.tokens)}`);
  await page.screenshot({ path: join(shots, 'llm-after-run.png') });
  console.log(`ok: "${workflowName}" streamed ${streamed.length} token messages, the person picked "${second}"`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'llm-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
