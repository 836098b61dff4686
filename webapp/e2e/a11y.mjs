// An accessibility check of the page as it is shown: axe-core run inside it, failing on serious or critical
// violations. axe goes in through the DevTools protocol (page.evaluate), not as a script tag: the server's
// Content-Security-Policy refuses inline scripts, rightly, and the check must not need it to allow one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = ['serious', 'critical'];

/** Runs axe on the page; throws with each serious or critical violation and the elements it found it on. */
export async function checkAccessibility(page, what) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (blocking) => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => blocking.includes(violation.impact))
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        on: violation.nodes.slice(0, 6).map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`.trim()),
      }));
  }, BLOCKING);
  if (violations.length > 0) {
    throw new Error(
      `accessibility of ${what}: ${violations.length} serious or critical\n${JSON.stringify(violations, null, 1)}`,
    );
  }
  console.log(`ok: no serious or critical accessibility violation on ${what}`);
}
