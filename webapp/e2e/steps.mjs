// Steps the browser tests share: signing in, picking a node so that its panel shows it, reading what
// the server saved, comparing, and building a graph from the palette.

/** Signs in with the API token through the sign-in page. */
export async function signIn(page, token) {
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Selects a node by clicking it until the panel shows it, its name in the name field: a click right
// after a connection drag is sometimes taken by React Flow as part of that gesture.
export async function selectNode(page, id) {
  for (let attempt = 1; ; attempt++) {
    await page.locator(`.react-flow__node[data-id="${id}"]`).click();
    try {
      await page.waitForFunction(
        (nodeId) => {
          const panel = document.querySelector(`[aria-label="Node settings"][data-node-id="${nodeId}"]`);
          const name = document.querySelector(`.react-flow__node[data-id="${nodeId}"] .wf-node-name`)?.textContent;
          return panel !== null && panel.querySelector('input')?.value === name;
        },
        id,
        { timeout: 3_000 },
      );
      return;
    } catch (notYet) {
      if (attempt === 3) throw notYet;
    }
  }
}

/** What the server has saved, read with the signed-in token: the canvas must not only look right. */
export function fromServer(page, path) {
  return page.evaluate(
    async (apiPath) =>
      (
        await fetch(`api/${apiPath}`, {
          headers: { Authorization: `Bearer ${sessionStorage.getItem('orchestrator.token')}` },
        })
      ).json(),
    path,
  );
}

export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Drops a node type from the palette at (x, y) of the pane and answers the new node's id. */
export async function dropNode(page, type, x, y) {
  const known = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
  await page
    .locator(`.palette-item[data-node-type="${type}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, known.length + 1);
  return page
    .locator('.react-flow__node')
    .evaluateAll(
      (nodes, before) => nodes.map((node) => node.getAttribute('data-id')).find((id) => !before.includes(id)),
      known,
    );
}

/** Connects a node's route to another node by dragging between their handles, and waits for the edge. */
export async function link(page, from, route, to) {
  const count = await page.locator('.react-flow__edge').count();
  await page
    .locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source[data-handleid="${route}"]`)
    .dragTo(page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`));
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length === n, count + 1);
}

/**
 * Passes the page's uncaught errors, console errors and the API's refusals (status and body: the console
 * names only the status) on to the script's output, where a failure is read.
 */
export function reportPageErrors(page) {
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('console:', message.text());
  });
  page.on('response', async (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() < 400 || !pathname.includes('/api/')) return;
    const body = await response.text().catch(() => '(no body)');
    console.error(`refused: ${response.status()} ${response.request().method()} ${pathname} ${body.slice(0, 500)}`);
  });
}

/** What the page says when a step failed: its alerts, errors and run status, for the failure's report. */
export function pageMessages(page) {
  return page
    .locator('[role="alert"], .error, [data-testid="run-status"]')
    .evaluateAll((elements) => elements.map((element) => element.textContent.trim()).filter((text) => text !== ''));
}

/** A call to the API from the page, with the signed-in token, answering the parsed body; throws on an error status. */
export function api(page, method, path, body) {
  return page.evaluate(
    async ([how, apiPath, json]) => {
      const answer = await fetch(`api/${apiPath}`, {
        method: how,
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('orchestrator.token')}`,
          'Content-Type': 'application/json',
        },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      if (!answer.ok) throw new Error(`${how} ${apiPath}: ${answer.status} ${await answer.text()}`);
      return answer.json();
    },
    [method, path, body],
  );
}

/** Collects what the page's Content-Security-Policy refused (the console says so), to assert there is nothing. */
export function refusalsByPolicy(page) {
  const refused = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  return refused;
}
