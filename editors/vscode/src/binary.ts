// Finding the dockls binary and checking that it is new enough, before
// the language client starts it.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The oldest dockls this extension works with: it relies on the
// diagnostics, code actions, hover and settings of dockls 0.1.
export const MIN_VERSION = '0.1.0';

export type Found = { path: string; from: 'setting' | 'PATH' | 'extension' };

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

// The dockls.path setting wins (a relative path is taken from the first
// workspace folder), then PATH, then a binary shipped in the extension's
// bin/ folder.  A setting that names no executable is reported as such
// rather than silently falling back, so a typo does not go unnoticed.
export function findBinary(setting: string, workspace: string | undefined, extensionDir: string):
  Found | { error: string } {
  if (setting) {
    const home = process.env.HOME ?? '';
    let file = setting.startsWith('~/') ? path.join(home, setting.slice(2)) : setting;
    if (!path.isAbsolute(file) && workspace) file = path.join(workspace, file);
    return executable(file) ? { path: file, from: 'setting' }
      : { error: `the dockls.path setting names "${setting}", which is not an executable file` };
  }
  const fromPath = onPath('dockls');
  if (fromPath) return { path: fromPath, from: 'PATH' };
  const bundled = path.join(extensionDir, 'bin', process.platform === 'win32' ? 'dockls.exe' : 'dockls');
  if (executable(bundled)) return { path: bundled, from: 'extension' };
  return { error: 'dockls was not found on PATH, and the extension carries no binary of its own' };
}

// "dockls 0.1.0" -> [0, 1, 0]; undefined when the output says something else.
export function parseVersion(output: string): number[] | undefined {
  const match = /^dockls (\d+)\.(\d+)\.(\d+)/.exec(output.trim());
  return match ? match.slice(1, 4).map(Number) : undefined;
}

export function atLeast(version: number[], minimum: string): boolean {
  const min = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (version[i] !== min[i]) return version[i] > min[i];
  }
  return true;
}

// Runs `dockls --version` with a time limit, so a wrong binary (one that
// reads stdin, say) cannot hang the activation.
export function versionOf(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['--version'], { timeout: 5000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout.trim());
    });
  });
}
