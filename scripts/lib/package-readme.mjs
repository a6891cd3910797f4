// The npm package's own README. npm always packs the root README.md, which in this repository is the
// long project README; application developers on npmjs.com need a short one (package/README.md).
// So while `npm pack` or `npm publish` runs, the project README waits in .pack/ and the package
// README stands in for it: putAside() before packing (prepack), putBack() after (postpack).
// putAside() first puts back a README left aside by a pack that failed half-way, so no run can
// lose it.
import { copyFile, mkdir, rename, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './paths.mjs';

export const PROJECT_README = path.join(ROOT, 'README.md');
export const PACKAGE_README = path.join(ROOT, 'package', 'README.md');
const ASIDE = path.join(ROOT, '.pack', 'README.md');

const exists = (file) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Puts the project README back, if it is aside. Returns whether it was. */
export async function putBack() {
  if (!(await exists(ASIDE))) return false;
  await rename(ASIDE, PROJECT_README);
  await rmdir(path.dirname(ASIDE));
  return true;
}

/** Moves the project README aside and copies the package README in its place. */
export async function putAside() {
  await putBack();
  await mkdir(path.dirname(ASIDE), { recursive: true });
  await rename(PROJECT_README, ASIDE);
  await copyFile(PACKAGE_README, PROJECT_README);
}
