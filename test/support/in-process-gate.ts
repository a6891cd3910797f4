// A gate's command, run as the gate's own function in this process: what the command would print (its
// step lines and findings) and how it would end (a StepFailure printed as exitWithFailure prints it,
// and exit code 1), without starting a script process. For tests about the gate's verdict, not its
// command line; each gate keeps a test that runs its command end to end.
import { Writable } from 'node:stream';
import { describeFailure, StepFailure } from '../../scripts/lib/steps.mjs';

/** Where a gate function sends its step lines (`out`) and its own lines (`print`). */
export interface GateOutput {
  out: Writable;
  print: (line: string) => void;
}

export async function runGateInProcess(
  gate: (output: GateOutput) => Promise<unknown>,
): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk).trimEnd());
      done();
    },
  });
  const print = (line: string) => lines.push(line);
  try {
    await gate({ out, print });
    return { code: 0, output: lines.join('\n') };
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    lines.push(describeFailure(error));
    return { code: 1, output: lines.join('\n') };
  }
}
