// Type-level tests: the project's pinned tsc compiles fixtures/typed-usage.ts, where correct calls
// must compile and each wrong call sits under a @ts-expect-error (an unused one is itself an error).
// With the directives taken out, tsc must report exactly the named mistakes, each on its own line
// and in its own words, so no directive can hide an unrelated error.
// The control proves the mechanism bites: the same file with one more directive over a correct call
// must fail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { toolCommand } from '../../scripts/lib/tool-commands.mjs';

const FIXTURE = path.join(ROOT, 'test', 'client', 'fixtures', 'typed-usage.ts');
const TSC = toolCommand('tsc');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'audioscrape-types-'));
// The fixture is an ES module, as in the repository.
writeFileSync(path.join(scratch, 'package.json'), '{ "type": "module" }\n');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What tsc says about each mistake in the fixture once its @ts-expect-error is gone. */
const WHAT_TSC_SAYS: Record<string, RegExp> = {
  // TypeScript 7 (the project's tsc) names a missing property itself, as TS2741.
  'a search needs a query': /TS2741: Property 'query' is missing in type '\{\}'/,
  'limit is a number': /TS2322: Type 'string' is not assignable to type 'number'/,
  'a misspelled field': /TS2561: .*'limt' does not exist/,
  'sort.by is relevance or date': /TS2322: Type '"popularity"' is not assignable/,
  'create needs search_term': /TS2741: Property 'search_term' is missing in type '\{ webhook_url: string; \}'/,
  'an alert id is a string': /TS2345: Argument of type 'number' is not assignable to parameter of type 'string'/,
  'results have no such field': /TS2339: Property 'nmae' does not exist/,
  'searchAll needs its cap':
    /TS2741: Property 'maxResults' is missing in type '\{\}' but required in type 'SearchAllOptions'/,
  'an unknown path':
    /TS2345: Argument of type '"\/api\/v2\/search"' is not assignable to parameter of type 'PathsWithMethod<paths, "get">'/,
  'the path has no GET':
    /TS2345: Argument of type '"\/api\/v1\/search"' is not assignable to parameter of type 'PathsWithMethod<paths, "get">'/,
  'the path parameter is required': /TS2554: Expected 2 arguments, but got 1/,
  'a wrong body on the low-level client': /TS2353: .*'term' does not exist/,
  'an unknown option': /TS2353: .*'retries' does not exist in type 'ClientOptions'/,
  'logLevel is one of off, error, warn, info, debug': /TS2322: Type '"verbose"' is not assignable/,
  'header values are strings': /TS2322: Type 'number' is not assignable to type 'string'/,
};

/** Runs tsc with the project's compiler options on `file` alone. */
function typecheck(file: string): { code: number; output: string } {
  const config = path.join(scratch, `tsconfig.${path.basename(file)}.json`);
  const compilerOptions = { typeRoots: [path.join(ROOT, 'node_modules', '@types')] };
  writeFileSync(
    config,
    JSON.stringify({ extends: path.join(ROOT, 'tsconfig.json'), compilerOptions, include: [], files: [file] }),
  );
  const result = spawnSync(TSC.command, [...TSC.args, '--noEmit', '-p', config], { encoding: 'utf8' });
  return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

describe('types from the spec', () => {
  it('correct calls compile and every @ts-expect-error line is an error', () => {
    const { code, output } = typecheck(FIXTURE);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('each @ts-expect-error sits over the mistake it names: without the directives, tsc reports exactly those', () => {
    const source = readFileSync(FIXTURE, 'utf8').replaceAll(
      "'../../../src/index.js'",
      `'${path.join(ROOT, 'src', 'index.js')}'`,
    );
    const lines = source.split('\n');
    const directives = lines.flatMap((line, index) => {
      const mistake = /^\s*\/\/ @ts-expect-error (.+)$/.exec(line)?.[1];
      return mistake ? [{ mistake, code: lines[index + 1]!.trim() }] : [];
    });
    expect(directives.map(({ mistake }) => mistake).sort()).toEqual(Object.keys(WHAT_TSC_SAYS).sort());
    const bare = path.join(scratch, 'without-directives.ts');
    writeFileSync(bare, lines.filter((line) => !/^\s*\/\/ @ts-expect-error /.test(line)).join('\n'));
    const { output } = typecheck(bare);
    const bareLines = readFileSync(bare, 'utf8').split('\n');
    const errors = [...output.matchAll(/without-directives\.ts\((\d+),\d+\): error (TS\d+: .*)/g)].map(
      ([, line, message]) => ({
        code: bareLines[Number(line) - 1]!.trim(),
        message: message!,
      }),
    );
    expect(errors.map(({ code }) => code)).toEqual(directives.map(({ code }) => code));
    for (const [index, { mistake }] of directives.entries())
      expect(errors[index]!.message, mistake).toMatch(WHAT_TSC_SAYS[mistake]!);
  });

  it('control: a @ts-expect-error over a correct call fails the check', () => {
    const source = readFileSync(FIXTURE, 'utf8').replace(
      "  const page = await client.search({ query: 'ai' });",
      "  // @ts-expect-error (control: this call is correct)\n  const page = await client.search({ query: 'ai' });",
    );
    const control = path.join(scratch, 'control.ts');
    writeFileSync(control, source.replaceAll("'../../../src/index.js'", `'${path.join(ROOT, 'src', 'index.js')}'`));
    const { code, output } = typecheck(control);
    expect(code).not.toBe(0);
    expect(output).toMatch(/control\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/);
  });
});
