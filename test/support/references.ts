import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SCHEMA } from './templates';
import { MAX_FILE_BYTES } from '../../server/src/engine/diskHost';

/**
 * Files templates reference that a linter must not follow blindly: module cycles, a
 * module outside the workspace, devices, a named pipe, a symbolic link out of the
 * workspace, a parameters file that is a directory, a file past the size cap, linked
 * ARM templates in a cycle. Built on disk in a temporary folder:
 *
 *   <dir>/ws        the workspace (the server's folder, the CLI's working directory)
 *   <dir>/shared    modules outside it, referenced as ../../shared/… (allowed)
 *   <dir>/secret    what links in the workspace lead to (refused)
 */
export interface ReferenceCase {
  name: string;
  /** The template analysed, relative to the workspace, with `/`. */
  entry: string;
  /** What the ASE902 note on the entry template must say (the server and the CLI alike). */
  note: RegExp[];
  /** What it must not say. */
  notNote?: RegExp[];
  /** What the CLI must print on stderr about the files it refused. */
  stderr?: RegExp[];
  /** The reason the disk host gives for a file the entry references (paths relative to the workspace); '(none)' when it gives none. */
  why?: Record<string, RegExp>;
}

/** A parameters file named explicitly (the CLI's --parameters, the editor's aseLint.parameterFiles) that is a directory. */
export interface ExplicitParameters {
  entry: string;
  parameters: string;
  /** The ASE902 note, matched against the parameters file's URI. */
  note: (uri: string) => RegExp;
  stderr: RegExp;
}

export interface ReferenceWorkspace {
  dir: string;
  ws: string;
  cases: ReferenceCase[];
  explicitParameters: ExplicitParameters[];
  /** Cases left out on this platform, with the reason (symlinks need privileges on Windows, devices are Linux's). */
  skipped: string[];
  cleanup(): void;
}

const nsg = (name: string) => `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {\n  name: 'nsg-${name}'\n  location: 'westeurope'\n}\n\n`;
/** A module; the resource comes first in every file so that the note lands in the file itself. */
export const bicepModule = (symbol: string, path: string) => `module ${symbol} '${path}' = {\n  name: '${symbol}'\n}\n\n`;

/** An ARM template deploying each relative path as a linked template. */
export function armLinking(...paths: string[]): string {
  const resources = paths.map((p, i) => ({
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: `linked-${i}`,
    properties: { mode: 'Incremental', templateLink: { relativePath: p } },
  }));
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);
}

export const bicepWith = (name: string, modules: [string, string][]) => nsg(name) + modules.map(([s, p]) => bicepModule(s, p)).join('');

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** `the module ./x.bicep could not be read`, with or without the reason the host gives. */
export const unreadableModule = (path: string) => new RegExp(`the module ${esc(path)} could not be read`);
export const unreadableLinked = (path: string) => new RegExp(`the linked template ${esc(path)} could not be read`);
export const moduleCycle = (path: string) => new RegExp(`the module ${esc(path)} deploys a file that is already being analysed \\(a cycle\\)`);
const refused = (display: string, reason: string) => new RegExp(`ase-lint: not reading '${esc(display)}': ${reason}`);

export function canSymlink(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'ase-lint-link-'));
  try {
    symlinkSync(join(probe, 'target'), join(probe, 'link'));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Devices and named pipes: Linux only (the brief's platform for them; macOS has them too, Windows does not). */
export const devicesHere = process.platform === 'linux' && existsSync('/dev/zero');

export function buildReferenceWorkspace(): ReferenceWorkspace {
  // The real path: on macOS the temporary folder is itself behind a link (/var → /private/var).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ase-lint-refs-')));
  const ws = join(dir, 'ws');
  const write = (rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const cases: ReferenceCase[] = [];
  const skipped: string[] = [];
  const links = canSymlink();

  write('ws/cycle/a.bicep', bicepWith('a', [['b', './b.bicep']]));
  write('ws/cycle/b.bicep', bicepWith('b', [['a', './a.bicep']]));
  cases.push({ name: 'Bicep modules in a cycle (a → b → a)', entry: 'cycle/a.bicep', note: [moduleCycle('./a.bicep')] });
  write('ws/cycle/self.bicep', bicepWith('self', [['me', './self.bicep']]));
  cases.push({ name: 'a Bicep module that deploys itself (a → a)', entry: 'cycle/self.bicep', note: [moduleCycle('./self.bicep')] });

  // Outside the workspace by the template's own path: not read unless the user allows it
  // (a pull request must not read the runner's files), and the note says so.
  write('shared/net.bicep', bicepWith('shared', [['deeper', './missing.bicep']]));
  write('ws/outside/main.bicep', bicepWith('out', [['shared', '../../shared/net.bicep']]));
  cases.push({
    name: 'a Bicep module outside the workspace, named by its path',
    entry: 'outside/main.bicep',
    note: [new RegExp(`${esc('the module ../../shared/net.bicep could not be read: it is outside ')}`)],
    notNote: [unreadableModule('./missing.bicep')],
    stderr: [refused(join(dir, 'shared', 'net.bicep'), 'it is outside the current directory and the paths given \\(--read-outside-workspace allows reading it\\)')],
    why: { '../shared/net.bicep': /^it is outside /, '../shared/missing.bicep': /^\(none\)$/ },
  });

  // A sparse file past the cap: refused on its size, before a byte is read.
  write('ws/big/main.bicep', bicepWith('big', [['huge', './huge.bicep']]));
  const fd = openSync(join(ws, 'big', 'huge.bicep'), 'w');
  ftruncateSync(fd, MAX_FILE_BYTES + 1024 * 1024);
  closeSync(fd);
  cases.push({
    name: 'a Bicep module larger than the size cap',
    entry: 'big/main.bicep',
    note: [unreadableModule('./huge.bicep')],
    stderr: [refused('big/huge.bicep', 'it is 65 MB, more than the 64 MB the analyser reads')],
    why: { 'big/huge.bicep': /^it is 65 MB, more than the 64 MB the analyser reads$/ },
  });

  // A parameters file that is a directory: beside the template (looked up) and named explicitly.
  write('ws/params/main.json', armLinking());
  mkdirSync(join(ws, 'params', 'main.parameters.json'));
  write('ws/params/main.bicep', nsg('params'));
  mkdirSync(join(ws, 'params', 'main.bicepparam'));
  // A parameters file beside the template is only looked for: the model notes nothing when it is absent or refused.
  cases.push({
    name: 'an ARM parameters file beside the template that is a directory',
    entry: 'params/main.json',
    note: [],
    stderr: [refused('params/main.parameters.json', 'it is a directory, not a regular file')],
    why: { 'params/main.parameters.json': /^it is a directory, not a regular file$/ },
  });
  const explicitParameters: ExplicitParameters[] = ['params/main.json|params/main.parameters.json', 'params/main.bicep|params/main.bicepparam'].map((pair) => {
    const [entry, parameters] = pair.split('|');
    return {
      entry,
      parameters,
      note: (uri: string) => new RegExp(`the parameters file ${esc(uri)} could not be read`),
      stderr: refused(parameters, 'it is a directory, not a regular file'),
    };
  });
  cases.push({
    name: 'a .bicepparam file beside the template that is a directory',
    entry: 'params/main.bicep',
    note: [],
    stderr: [refused('params/main.bicepparam', 'it is a directory, not a regular file')],
    why: { 'params/main.bicepparam': /^it is a directory, not a regular file$/ },
  });

  write('ws/linked/a.json', armLinking('b.json'));
  write('ws/linked/b.json', armLinking('a.json'));
  write('ws/linked/self.json', armLinking('self.json'));
  const linkedCycle = (p: string) => new RegExp(`the linked template ${esc(p)} deploys a template that is already being analysed \\(a cycle\\)`);
  cases.push({ name: 'linked ARM templates in a cycle (a → b → a)', entry: 'linked/a.json', note: [linkedCycle('a.json')] });
  cases.push({ name: 'a linked ARM template that deploys itself', entry: 'linked/self.json', note: [linkedCycle('self.json')] });

  if (links) {
    write('secret/id.bicep', "resource stolen 'Microsoft.Network/networkSecurityGroups@2023-04-01' = { name: 'secret' }\n");
    write('secret/net.bicep', "resource stolen 'Microsoft.Network/networkSecurityGroups@2023-04-01' = { name: 'secret' }\n");
    mkdirSync(join(ws, 'escape'), { recursive: true });
    symlinkSync(join('..', '..', 'secret', 'id.bicep'), join(ws, 'escape', 'evil.bicep'));
    symlinkSync(join('..', '..', 'secret'), join(ws, 'escape', 'linked'), 'dir');
    write('ws/escape/main.bicep', bicepWith('esc', [['evil', './evil.bicep'], ['viaDir', './linked/net.bicep']]));
    const out = (file: string) => `it leads through a symbolic link to ${esc(join(dir, 'secret', file))}, outside`;
    cases.push({
      name: 'Bicep modules behind symbolic links that leave the workspace',
      entry: 'escape/main.bicep',
      note: [unreadableModule('./evil.bicep'), unreadableModule('./linked/net.bicep')],
      stderr: [refused('escape/evil.bicep', out('id.bicep')), refused('escape/linked/net.bicep', out('net.bicep'))],
      why: { 'escape/evil.bicep': new RegExp(out('id.bicep')), 'escape/linked/net.bicep': new RegExp(out('net.bicep')) },
    });
  } else {
    skipped.push('symbolic links out of the workspace (this system does not let us create links)');
  }

  if (devicesHere && links) {
    mkdirSync(join(ws, 'device'), { recursive: true });
    const devices = ['zero', 'random', 'stdin'];
    for (const d of devices) symlinkSync(`/dev/${d}`, join(ws, 'device', `${d}.bicep`));
    const fifo = spawnSync('mkfifo', [join(ws, 'device', 'pipe.bicep')]);
    const pipe = fifo.status === 0;
    if (!pipe) skipped.push('a module that is a named pipe (mkfifo failed)');
    const named = [...devices, ...(pipe ? ['pipe'] : [])];
    write('ws/device/main.bicep', bicepWith('dev', named.map((d) => [d, `./${d}.bicep`])));
    cases.push({
      name: 'Bicep modules that are devices (/dev/zero, /dev/random, /dev/stdin) or a named pipe',
      entry: 'device/main.bicep',
      note: named.map((d) => unreadableModule(`./${d}.bicep`)),
      stderr: [
        refused('device/zero.bicep', 'it leads to /dev/zero, a character device, not a regular file'),
        refused('device/random.bicep', 'it leads to /dev/random, a character device, not a regular file'),
        // What stdin is depends on who started us: a pipe, a terminal, /dev/null.
        refused('device/stdin.bicep', 'it (is|leads to) .*not a regular file'),
        ...(pipe ? [refused('device/pipe.bicep', 'it is a named pipe, not a regular file')] : []),
      ],
      why: {
        'device/zero.bicep': /^it leads to \/dev\/zero, a character device, not a regular file$/,
        'device/stdin.bicep': /not a regular file$/,
        ...(pipe ? { 'device/pipe.bicep': /^it is a named pipe, not a regular file$/ } : {}),
      },
    });
    write('ws/device/linked.json', armLinking('/dev/zero', '/dev/random', '/dev/stdin'));
    cases.push({
      name: 'linked ARM templates at /dev/zero, /dev/random and /dev/stdin',
      entry: 'device/linked.json',
      note: [unreadableLinked('/dev/zero'), unreadableLinked('/dev/random'), unreadableLinked('/dev/stdin')],
      stderr: [refused('/dev/zero', 'it is a character device, not a regular file'), refused('/dev/random', 'it is a character device, not a regular file')],
    });
  } else {
    skipped.push('device files and named pipes (Linux only)');
  }

  return { dir, ws, cases, explicitParameters, skipped, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
