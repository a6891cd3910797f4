// The reader of commands in the docs finds what a person reading them would type, so that the
// coverage check (readme-and-guides.test.ts) cannot pass by missing a command.
import { expect, it } from 'vitest';
import { documentedCommands } from './commands-in-docs.js';

const SAMPLE = [
  '# A guide',
  '',
  'Run `npm run build`, or `npm run build -- --no-cache`; `npm` and `oasdiff` alone are names, not commands.',
  'A span can wrap: `npm run contract -- --base-url',
  'https://staging.example.com`.',
  '',
  '## Serve it',
  '',
  '```sh',
  'npm run mock      # in one terminal',
  '# a comment line',
  'curl -s -X POST http://127.0.0.1:4010/api/v1/search \\',
  '  -H "Content-Type: application/json" -d \'{"query": "#1 hit"}\'',
  '```',
  '',
  '- In a list:',
  '',
  '  ```bash',
  '  brew install oasdiff',
  '  ```',
  '',
  '```text',
  'npm run not-a-command   # output, not input',
  '```',
  '',
  '```ts',
  "console.log('npm run also-not');",
  '```',
].join('\n');

it('finds every shell line (joined, comments dropped, indented blocks too) and every inline command with an argument', () => {
  const found = documentedCommands('guides/sample.md', SAMPLE);
  expect(found.filter((each) => each.shownIn.kind === 'block').map((each) => each.command)).toEqual([
    'npm run mock',
    'curl -s -X POST http://127.0.0.1:4010/api/v1/search -H "Content-Type: application/json" -d \'{"query": "#1 hit"}\'',
    'brew install oasdiff',
  ]);
  expect(found.filter((each) => each.shownIn.kind === 'inline').map((each) => each.command)).toEqual([
    'npm run build',
    'npm run build -- --no-cache',
    'npm run contract -- --base-url https://staging.example.com',
  ]);
  expect(found.find((each) => each.command === 'npm run mock')?.shownIn).toEqual({
    kind: 'block',
    headings: ['A guide', 'Serve it'],
  });
});
