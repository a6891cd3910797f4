// `npm start`, the main job: build, then serve the mock and the docs together, print both URLs,
// stop both on Ctrl-C; a taken port fails at once with a clear message.
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPortFree, findFreePort } from '../../scripts/lib/ports.mjs';
import { projectCopyForTest } from '../support/project-copy.js';
import { startCommand } from '../support/processes.js';
import { seedPerMinute } from '../support/seed.js';

describe('npm start', () => {
  it('builds, serves the mock and the docs, prints both URLs, and stops both on Ctrl-C', async (context) => {
    const copy = await projectCopyForTest(context);
    const [mockPort, docsPort] = [await findFreePort(), await findFreePort()];
    const start = startCommand(
      process.execPath,
      [path.join(copy.dir, 'scripts', 'start.mjs'), '--port', String(mockPort), '--docs-port', String(docsPort)],
      { cwd: copy.dir },
    );
    // A failed check must not leave the servers running after the test.
    context.onTestFinished(() => {
      if (start.child.exitCode === null && start.child.signalCode === null) start.child.kill('SIGKILL');
    });
    await start.waitFor(/Serving both until Ctrl-C/, 90_000);
    const output = start.output();
    for (const step of ['lint: Redocly', 'bundle:', 'types:', 'docs:']) expect(output).toContain(`✔ ${step}`);
    expect(output).toContain(`Docs:     http://127.0.0.1:${docsPort}/`);
    expect(output).toContain(`Mock API: http://127.0.0.1:${mockPort}  (realistic:`);
    // The banner gets every option it needs from start.mjs (once it was called without one): the
    // plans it names carry the seed's per-minute limits, and no option is left undefined.
    expect(output).toMatch(new RegExp(`pro_….*Pro: ${seedPerMinute('Pro')}/minute`));
    expect(output).toMatch(new RegExp(`anything else +Free \\(YOUR_API_KEY too\\): ${seedPerMinute('Free')}/minute`));
    expect(output).not.toMatch(/undefined|NaN/);

    const docs = await fetch(`http://127.0.0.1:${docsPort}/`);
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain('<title>Audioscrape API</title>');
    // The page offers this mock, and the build made it beside its other steps: nothing is built after.
    expect(page).toContain(`http://127.0.0.1:${mockPort}`);
    const [building] = output.split(/^Built generated\/ and dist\/ in /m);
    expect(building).toMatch(/✔ docs \(local\): the page npm start and npm run dev serve/);
    expect(output, 'the docs server built no page of its own').not.toMatch(/▶ docs \(local\)/);
    // A bad percent escape used to kill Prism, and npm start with it.
    const badEscape = await fetch(`http://127.0.0.1:${mockPort}/api/notifications/%`, { method: 'DELETE' });
    expect(badEscape.status).toBe(401);
    const me = await fetch(`http://127.0.0.1:${mockPort}/api/me`, { headers: { Authorization: 'Bearer any-token' } });
    expect(me.status).toBe(200);
    expect((await me.json()).plan.name).toBe('free');

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    await expect(assertPortFree(mockPort, '127.0.0.1', { what: 'mock', flag: '--port' })).resolves.toBeUndefined();
    await expect(assertPortFree(docsPort, '127.0.0.1', { what: 'docs', flag: '--docs-port' })).resolves.toBeUndefined();
  });

  it('fails before building, naming the port, when the mock port is taken', async (context) => {
    const copy = await projectCopyForTest(context);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const start = startCommand(
        process.execPath,
        [path.join(copy.dir, 'scripts', 'start.mjs'), '--port', String(port)],
        { cwd: copy.dir },
      );
      expect(await start.exited).toBe(1);
      expect(start.output()).toContain(
        `Port ${port} on 127.0.0.1 is already in use, so the mock server cannot start there.`,
      );
      expect(start.output()).not.toContain('▶ lint');
    } finally {
      blocker.close();
    }
  });
});
