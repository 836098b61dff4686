// End-to-end test of the API's documentation page, /openapi/ui/ (Swagger UI over /openapi), in headless
// Chromium (Debian's) driven by playwright-core, against a running server: every operation of the
// document is listed, the page runs under its Content-Security-Policy without a violation or script
// error (no inline script or style, nothing from another origin), and "Try it out" with the token given
// under Authorize calls the API and shows its answer.
//
//   ORCHESTRATOR_URL=http://127.0.0.1:7878/ ORCHESTRATOR_TOKEN=<a token> node e2e/openapi.e2e.mjs
// A screenshot goes to SCREENSHOTS (default ../target/e2e). Exits non-zero on the first failure.
import { launchBrowser } from './browser.mjs';
import { assertEqual } from './steps.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:7878/';
const token = process.env.ORCHESTRATOR_TOKEN;
const shots = process.env.SCREENSHOTS ?? new URL('../../target/e2e/', import.meta.url).pathname;
if (!token) throw new Error('Set ORCHESTRATOR_TOKEN to a token of the server at ' + base);
mkdirSync(shots, { recursive: true });

const document = await (await fetch(new URL('openapi?format=json', base))).json();
const operations = Object.values(document.paths).flatMap((item) =>
  Object.keys(item).filter((key) => ['get', 'put', 'post', 'delete', 'patch', 'head'].includes(key)),
).length;

const { context, page } = await launchBrowser('openapi');
const problems = [];
page.on('pageerror', (error) => problems.push('page error: ' + error.message));
page.on('console', (message) => {
  if (message.type() === 'error' || message.text().includes('Content Security Policy')) {
    problems.push('console: ' + message.text());
  }
});
try {
  await page.goto(new URL('openapi/ui/', base).href);
  await page.waitForSelector('.opblock', { timeout: 60_000 });
  assertEqual(await page.locator('.opblock').count(), operations, 'operations listed');

  await page.click('button.authorize');
  await page.fill('.modal-ux input', token);
  await page.click('.modal-ux button.authorize');
  await page.click('.modal-ux button.btn-done');
  const self = page.locator('#operations-tokens-tokenSelf');
  await self.locator('.opblock-summary').click();
  await self.locator('button.try-out__btn').click();
  await self.locator('button.execute').click();
  const status = self.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ timeout: 30_000 });
  assertEqual((await status.innerText()).trim(), '200', 'status of GET /tokens/self/ tried from the page');
  const answer = JSON.parse(await self.locator('.live-responses-table .microlight').first().innerText());
  assertEqual(typeof answer.role, 'string', 'the answer names the token role');
  await page.screenshot({ path: join(shots, 'openapi-ui.png') });

  assertEqual(problems.join('\n'), '', 'script errors and CSP violations');
  console.log(`openapi e2e passed: ${operations} operations, Try it out answered 200`);
} finally {
  await context.close();
}
