// What the mock prints per request: one line (time, method, path, status, the key's plan, how long
// it took), the reason when the request was refused for what it sent, and, on lines of their own,
// anything in the answer that broke the contract. Paths are shown safe for a terminal.

const MAX_PATH_SHOWN = 120;

/** Control characters (ANSI escapes included) shown as \xNN, so a request cannot repaint the console. */
function printable(text) {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(
    /[\x00-\x1f\x7f-\x9f]/g,
    (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return safe.length > MAX_PATH_SHOWN ? `${safe.slice(0, MAX_PATH_SHOWN)}…` : safe;
}

function clockTime() {
  return new Date().toISOString().slice(11, 19);
}

/** @param {import('./mock-http.mjs').RequestRecord} record */
export function formatRequest(record) {
  const plan = record.note?.plan ? `  ${record.note.plan}` : '';
  const problem = record.note?.problem && record.status >= 400 ? `  · ${printable(record.note.problem)}` : '';
  const lines = [
    `${clockTime()} ${record.method} ${printable(record.path)} → ${record.status}${plan}  ${record.ms.toFixed(1)} ms${problem}`,
  ];
  for (const violation of record.note?.violations ?? [])
    lines.push(`         ✘ the answer broke the contract: ${printable(violation)}`);
  return lines.join('\n');
}

/**
 * @param {{ quiet?: boolean, write?: (text: string) => void }} [options] `quiet`: print only answers
 *   that broke the contract (for benchmarks)
 */
export function requestPrinter({ quiet = false, write = (text) => void process.stdout.write(`${text}\n`) } = {}) {
  return (record) => {
    if (quiet && !(record.note?.violations?.length > 0)) return;
    write(formatRequest(record));
  };
}
