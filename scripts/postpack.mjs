// npm pack / npm publish run this after packing (postpack): puts the project README back in place
// of the package README that prepack put there for the tarball.
import { putBack } from './lib/package-readme.mjs';
import { exitWithFailure } from './lib/steps.mjs';

try {
  if (await putBack()) process.stderr.write('✔ README.md: the project README is back\n');
} catch (error) {
  exitWithFailure(error);
}
