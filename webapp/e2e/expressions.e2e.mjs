// End-to-end test of the expression editor in headless Chromium against a running server: build
// Start → Shape → Check, execute Shape so that it has an output, then write Check's expression with the
// keyboard and autocomplete (an upstream node's output, then the input's real field names), see the
// server's preview of the result, see an inline error for a bad expression, fix it, save, and see a
// JSON field refuse broken JSON as one types.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=wfo_... node e2e/expressions.e2e.mjs
// Screenshots go to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual, dropNode, fromServer, link, reportPageErrors, selectNode, signIn } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to an API token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const { context, page } = await launchBrowser('expressions-e2e');
page.setDefaultTimeout(10_000);
reportPageErrors(page);

/** Waits until the autocomplete offers exactly these labels first (the editor lives in a shadow root: locators reach in). */
async function offered(expected) {
  const labels = page.locator('.cm-tooltip-autocomplete li .cm-completionLabel');
  for (let tries = 0; ; tries++) {
    const shown = (await labels.allTextContents()).slice(0, expected.length);
    // CodeMirror lets a key through for a moment after the list opens (it was meant for the text).
    if (JSON.stringify(shown) === JSON.stringify(expected)) return page.waitForTimeout(200);
    if (tries === 50) {
      const typed = await page.locator('.cm-content[aria-label="Expression"]').textContent();
      assertEqual(shown, expected, `the autocomplete suggestions after "${typed}"`);
    }
    await page.waitForTimeout(100);
  }
}

/**
 * Takes the highlighted suggestion with Enter and waits until the text reads `after`. CodeMirror
 * ignores keys for a moment after its list opens or changes, and a single-line field swallows an
 * Enter that reaches the text: on a slow machine that moment can come late, so Enter is pressed
 * again while the text has not changed.
 */
async function accept(after) {
  const editor = page.locator('.cm-content[aria-label="Expression"]');
  for (let tries = 0; ; tries++) {
    const before = await editor.textContent();
    await page.keyboard.press('Enter');
    for (let waited = 0; waited < 10; waited++) {
      const text = await editor.textContent();
      if (text === after) return;
      if (text !== before) assertEqual(text, after, 'the text after taking the suggestion');
      await page.waitForTimeout(100);
    }
    if (tries === 2) assertEqual(await editor.textContent(), after, 'the text after taking the suggestion');
  }
}

try {
  await page.goto(base);
  await signIn(page, token);
  page.once('dialog', (dialog) => dialog.accept(`Expressions ${Date.now()}`));
  await page.getByRole('button', { name: 'New workflow' }).click();
  await page.locator('.react-flow__pane').waitFor();
  const workflowId = await page.evaluate(() => location.hash.slice(1));

  const start = await dropNode(page, 'manual-trigger', 100, 250);
  const shape = await dropNode(page, 'transform', 380, 250);
  const check = await dropNode(page, 'condition', 660, 250);
  await link(page, start, 'default', shape);
  await link(page, shape, 'default', check);
  await selectNode(page, shape);
  const panel = page.getByLabel('Node settings');
  await panel.locator('input').first().fill('Shape');
  await panel.locator('textarea').first().fill('{"customer": "Ada", "total": 42}');
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Saved', { exact: true }).waitFor();
  // Shape executed on its own (development mode): its output is what Check's input and nodes['Shape'] hold.
  await page.getByRole('button', { name: 'Execute this node' }).click();
  await page.locator('pre.json', { hasText: '"customer": "Ada"' }).first().waitFor({ timeout: 30_000 });

  // Check's expression, typed: the editor loads on its own chunk, then autocomplete leads the way.
  await selectNode(page, check);
  const editor = panel.locator('.cm-content[aria-label="Expression"]');
  await editor.click();
  await page.keyboard.type("${nodes['Sh");
  await offered(['Shape']);
  await accept("${nodes['Shape'].output");
  await page.keyboard.type('.');
  await offered(['customer', 'total']);
  await page.screenshot({ path: join(shots, 'expressions-autocomplete.png') });
  await accept("${nodes['Shape'].output.customer");
  await page.keyboard.type(" == 'Ada' && input.to");
  await offered(['total']);
  await accept("${nodes['Shape'].output.customer == 'Ada' && input.total");
  await page.keyboard.type(' > 40}');
  assertEqual(
    await editor.textContent(),
    "${nodes['Shape'].output.customer == 'Ada' && input.total > 40}",
    'the expression typed with autocomplete',
  );
  const result = panel.getByLabel('Result of Expression');
  await result.filter({ hasText: 'true' }).waitFor();
  await page.screenshot({ path: join(shots, 'expressions-preview.png') });

  // A bad expression: the server's message under the field, as a failed node would show it.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('${nosuch(input.total)}');
  await panel.locator('.expression-error', { hasText: 'nosuch' }).waitFor();
  await page.screenshot({ path: join(shots, 'expressions-error.png') });

  await page.keyboard.press('Control+a');
  await page.keyboard.type('${input.total > 40');
  await page.keyboard.press('End');
  await page.keyboard.type('}');
  await result.filter({ hasText: 'true' }).waitFor();
  await panel.getByRole('button', { name: 'Save' }).click();
  await panel.getByText('Saved', { exact: true }).waitFor();
  const saved = await fromServer(page, `workflow/${workflowId}/nodes/${check}/`);
  assertEqual(saved.form_values.expression, '${input.total > 40}', 'the expression saved on the server');

  // A JSON field: an HTTP request's body, checked as one types and previewed with its templates filled in.
  const http = await dropNode(page, 'http-request', 660, 420);
  await link(page, shape, 'default', http);
  await selectNode(page, http);
  const body = panel.locator('.cm-content[aria-label="Body"]');
  await body.click();
  await page.keyboard.type('{"who": "${input.customer}"');
  await panel.locator('.json-error', { hasText: 'Not valid JSON' }).waitFor();
  await page.keyboard.type('}');
  await panel.locator('.json-error').waitFor({ state: 'detached' });
  await panel.getByLabel('Result of Body').filter({ hasText: '"who": "Ada"' }).waitFor();
  await page.screenshot({ path: join(shots, 'expressions-json.png') });
  console.log(`ok: autocomplete, preview, inline error and JSON checks; screenshots in ${shots}`);
} catch (failed) {
  await page.screenshot({ path: join(shots, 'expressions-failure.png') }).catch(() => {});
  console.error('FAILED:', failed.message);
  process.exitCode = 1;
} finally {
  await context.close();
}
