// Debian's Chromium, headless, as these machines allow it: a fresh profile, no sandbox (root), and
// no background networking (its lookups stall on this closed network). Never a downloaded browser.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launchBrowser(name) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), `${name}-`)), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}
