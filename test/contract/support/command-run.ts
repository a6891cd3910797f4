// Runs `npm run contract`'s command in this process (test/contract/engine/command.ts, exactly what
// scripts/contract.mjs calls) against a mock whose clock stands still: every wait the command makes
// moves the mock's clock instead of sleeping, so a Free key's minute windows pass at once and the
// command never touches the mock's control surface itself. Output and the mock's request lines go
// into one timeline, so a test can see what was printed before the first request.
import { startMockServer } from '../../../scripts/lib/mock-server.mjs';
import { runContractCommand } from '../engine/command.js';
import type { Pacing } from '../engine/pacing.js';

export const MOCK_START = '2026-11-27T10:00:00Z';

export type Mock = Awaited<ReturnType<typeof startMockServer>>;

export interface MockWithTimeline {
  mock: Mock;
  /** `out: <line>` for what the command printed, `request: <line>` for each request the mock answered. */
  timeline: string[];
  /** How many requests the mock answered (its control surface excluded). */
  requestsAnswered(): number;
  /** Waits the command made, in ms. */
  waits: number[];
  pacing: Pacing;
}

export async function startMockWithTimeline(): Promise<MockWithTimeline> {
  const timeline: string[] = [];
  const waits: number[] = [];
  const mock = await startMockServer({
    port: 0,
    clock: MOCK_START,
    print: (line: string) => void timeline.push(`request: ${line}`),
  });
  return {
    mock,
    timeline,
    waits,
    requestsAnswered: () =>
      timeline.filter((line) => line.startsWith('request: ') && !line.includes(' /__mock')).length,
    pacing: {
      now: () => mock.api.clock.now(),
      sleep: async (ms: number) => {
        waits.push(ms);
        mock.api.moveClock({ advanceSeconds: ms / 1000 });
      },
    },
  };
}

export interface CommandRun {
  code: number;
  output: string;
  files: Map<string, string>;
}

export async function runCommandInProcess(
  args: string[],
  options: { env: Record<string, string>; pacing: Pacing; timeline?: string[]; signal?: AbortSignal; runId?: string },
): Promise<CommandRun> {
  const lines: string[] = [];
  const files = new Map<string, string>();
  const code = await runContractCommand(args, {
    env: options.env,
    print: (line) => {
      lines.push(line);
      options.timeline?.push(`out: ${line}`);
    },
    writeFile: async (file, text) => void files.set(file, text),
    pacing: options.pacing,
    ...(options.signal ? { signal: options.signal } : {}),
    runId: options.runId ?? 'testrun',
  });
  return { code, output: lines.join('\n'), files };
}
