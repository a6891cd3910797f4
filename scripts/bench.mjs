// npm run bench [-- name ...]
// Runs every benchmark in bench/ (or only the named ones) and prints one table of figures, with the
// machine they were measured on; a full run also writes the table beside them, to bench/results.md. Targets are printed next to the figures, never asserted:
// speed and size are measured here, not in timed tests.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitWithFailure, step, StepFailure } from './lib/steps.mjs';
import { ROOT } from './lib/paths.mjs';

const BENCH_DIR = path.join(ROOT, 'bench');
const RESULTS_FILE = path.join(BENCH_DIR, 'results.md');

async function loadBenchmarks(only) {
  const files = (await readdir(BENCH_DIR)).filter((file) => file.endsWith('.mjs')).sort();
  const benchmarks = [];
  for (const file of files) {
    const module = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
    if (only.length === 0 || only.includes(module.name)) benchmarks.push(module);
  }
  if (benchmarks.length === 0) {
    throw new StepFailure(`No benchmark named ${only.join(', ')}.`, {
      hint: `Known benchmarks: ${files.map((file) => file.replace(/\.mjs$/, '')).join(', ')}`,
    });
  }
  return benchmarks;
}

function machineLine() {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

async function writeResults(rows) {
  const escapeCell = (cell) => String(cell).replace(/\|/g, '\\|');
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machineLine()}.`,
    'Targets are printed beside the figures, never asserted in tests.',
    '',
    '| benchmark | metric | value | target |',
    '|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${escapeCell(row.benchmark)} | ${escapeCell(row.metric.trim())} | ${escapeCell(row.value)} | ${escapeCell(row.target ?? '')} |`,
    ),
    '',
  ];
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, lines.join('\n'));
}

function printTable(rows) {
  const header = ['benchmark', 'metric', 'value', 'target'];
  const lines = rows.map((row) => [row.benchmark, row.metric, row.value, row.target ?? '']);
  const widths = header.map((_, column) =>
    Math.max(header[column].length, ...lines.map((line) => String(line[column]).length)),
  );
  const format = (line) => line.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  console.log(`\n${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of lines) console.log(format(line));
}

async function main() {
  const only = process.argv.slice(2);
  console.log(`Machine: ${machineLine()}`);
  const rows = [];
  for (const benchmark of await loadBenchmarks(only)) {
    const { result } = await step(`bench: ${benchmark.name} (${benchmark.description})`, () => benchmark.run());
    rows.push(...result.map((row) => ({ benchmark: benchmark.name, ...row })));
  }
  printTable(rows);
  if (only.length === 0) {
    await writeResults(rows);
    console.log(`\nWritten to ${path.relative(ROOT, RESULTS_FILE)}.`);
  } else {
    console.log(
      `\nPartial run (${only.join(', ')}): ${path.relative(ROOT, RESULTS_FILE)} is only written by a full \`npm run bench\`.`,
    );
  }
  return rows;
}

main().catch(exitWithFailure);
