// Every keyword alert a run creates, noted from the answers themselves (a 201 with an id, whichever
// check sent the create, even one that should have been refused), so the run can delete each one at
// the end, also when it fails or is interrupted. One request per alert is kept back from the budget
// for that delete until the alert is gone. A create whose answer was lost (no answer, no readable id)
// may still have made one: for that key the cleanup lists the alerts and deletes those that carry
// the run's marker.
import type { JsonObject } from '../../support/openapi.js';
import { parseJson } from './expectations.js';
import type { ApiResponse } from './http.js';
import type { PacedSender } from './paced-sender.js';
import type { AlertOperations } from './lifecycle.js';
import { buildRequest } from './operation-cases.js';

export interface LeftBehind {
  id: string;
  /** How the report names the key that owns it. */
  keyName: string;
  why: string;
}

export interface CleanupReport {
  created: number;
  deleted: number;
  leftBehind: LeftBehind[];
  /** Creates whose answer was lost or had no readable id: what they made was looked for by the run's marker. */
  unreadable: number;
}

function idOf(response: ApiResponse): string | undefined {
  const body = parseJson(response.rawBody) as JsonObject | undefined;
  return typeof body?.id === 'string' && body.id.length > 0 ? body.id : undefined;
}

export class CreatedAlerts {
  readonly #outstanding = new Map<string, { key: string; id: string }>();
  readonly #sender: PacedSender;
  readonly #alerts: AlertOperations;
  readonly #keyNames: ReadonlyMap<string, string>;
  readonly #marker: string;
  /** Keys with a create whose answer was lost: their alerts are swept by marker. */
  readonly #uncertain = new Set<string>();
  #created = 0;
  #unreadable = 0;

  constructor(sender: PacedSender, alerts: AlertOperations, keyNames: ReadonlyMap<string, string>, marker: string) {
    this.#sender = sender;
    this.#alerts = alerts;
    this.#keyNames = keyNames;
    this.#marker = marker;
    const createPath = alerts.create.entry.path;
    const itemPattern = new RegExp(
      `^${alerts.remove.entry.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/, '([^/]+)')}$`,
    );
    sender.followUpCost = (request) => (request.method === 'POST' && request.path === createPath ? 1 : 0);
    sender.observe((response, key) => {
      const request = response.request;
      if (!request || key === undefined) return;
      if (request.method === 'POST' && request.path === createPath && response.status >= 200 && response.status < 300) {
        const id = idOf(response);
        if (id === undefined) this.#lost(key);
        else this.#note(key, id);
      }
      const deleted = request.method === 'DELETE' ? itemPattern.exec(request.path) : null;
      if (deleted && (response.status === 204 || response.status === 404))
        this.#forget(key, decodeURIComponent(deleted[1]!));
    });
    sender.observeLost((request, key) => {
      if (key !== undefined && request.method === 'POST' && request.path === createPath) this.#lost(key);
    });
  }

  #lost(key: string): void {
    this.#unreadable += 1;
    if (!this.#uncertain.has(key)) this.#sender.reserved += 2;
    this.#uncertain.add(key);
  }

  /** Alerts created and not (yet) deleted. */
  get outstanding(): number {
    return this.#outstanding.size;
  }

  #note(key: string, id: string): void {
    const entry = `${key}\n${id}`;
    if (this.#outstanding.has(entry)) return;
    this.#created += 1;
    this.#outstanding.set(entry, { key, id });
    this.#sender.reserved += 1;
  }

  #forget(key: string, id: string): void {
    if (this.#outstanding.delete(`${key}\n${id}`)) this.#sender.reserved -= 1;
  }

  /** Deletes every alert still outstanding, with the requests kept back for it. */
  async cleanUp(signal?: AbortSignal): Promise<CleanupReport> {
    const leftBehind: LeftBehind[] = [];
    for (const { key, id } of [...this.#outstanding.values()]) {
      const keyName = this.#keyNames.get(key) ?? 'a key';
      try {
        const request = buildRequest(this.#alerts.remove.entry, { pathParams: { id } }, { apiKey: key });
        const response = await this.#sender.sendWith(request, { cleanup: true, ...(signal ? { signal } : {}) });
        if (response.status !== 204 && response.status !== 404)
          leftBehind.push({ id, keyName, why: `DELETE answered ${response.status}` });
      } catch (error) {
        leftBehind.push({
          id,
          keyName,
          why: error instanceof Error ? ((error as { reason?: string }).reason ?? error.message) : String(error),
        });
      }
    }
    for (const key of this.#uncertain) {
      this.#sender.reserved -= 2;
      await this.#sweep(key, leftBehind, signal);
    }
    return {
      created: this.#created,
      deleted: this.#created - leftBehind.length,
      leftBehind,
      unreadable: this.#unreadable,
    };
  }

  /** Lists a key's alerts and deletes those that carry the run's marker (from creates whose answer was lost). */
  async #sweep(key: string, leftBehind: LeftBehind[], signal?: AbortSignal): Promise<void> {
    const keyName = this.#keyNames.get(key) ?? 'a key';
    const options = { cleanup: true, ...(signal ? { signal } : {}) };
    try {
      const listed = await this.#sender.sendWith(
        buildRequest(this.#alerts.list.entry, { pathParams: {} }, { apiKey: key }),
        options,
      );
      const body = parseJson(listed.rawBody) as JsonObject | undefined;
      const alerts = ((body && Object.values(body).find(Array.isArray)) ?? []) as JsonObject[];
      for (const alert of alerts.filter(
        (candidate) => typeof candidate.search_term === 'string' && candidate.search_term.startsWith(this.#marker),
      )) {
        this.#created += 1;
        const response = await this.#sender.sendWith(
          buildRequest(this.#alerts.remove.entry, { pathParams: { id: String(alert.id) } }, { apiKey: key }),
          options,
        );
        if (response.status !== 204 && response.status !== 404)
          leftBehind.push({ id: String(alert.id), keyName, why: `DELETE answered ${response.status}` });
      }
    } catch (error) {
      leftBehind.push({
        id: `(any whose search term starts "${this.#marker}")`,
        keyName,
        why: error instanceof Error ? ((error as { reason?: string }).reason ?? error.message) : String(error),
      });
    }
  }
}
