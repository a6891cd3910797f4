// Port checks, so a server that cannot bind says which port and what to do instead of a stack trace.
import net from 'node:net';
import { StepFailure } from './steps.mjs';

/** Resolves if `port` on `host` can be bound right now; rejects with a StepFailure naming it if not. */
export function assertPortFree(port, host, { what, flag }) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`;
      reject(
        new StepFailure(`Port ${port} on ${host} ${reason}, so the ${what} cannot start there.`, {
          hint: `Stop whatever is using it, or pick another port with ${flag} <port>.`,
        }),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

/** A port the OS says is free on `host` now (for tests and benchmarks). */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
