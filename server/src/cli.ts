// ase-lint: the same engine as the language server, for pipelines. See `usage` for the
// interface; exit status 0 (no error-level finding), 1 (at least one), 2 (usage or I/O).
import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { analyze, describeError } from './engine';
import { parseCliArgs, usage } from './features/cliArgs';
import { formatJson, formatText, summaryLine, type CliFinding } from './features/cliReport';
import { createDiskHost } from './features/diskHost';
import { collectFiles, displayPath, reason } from './features/templateFiles';

interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/** Runs the CLI and returns its exit status; never throws. */
export function runCli(argv: readonly string[], io: Io): number {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.err(`ase-lint: ${parsed.error}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    io.out(`${usage}\n`);
    return 0;
  }
  if (options.version) {
    io.out(`${version}\n`);
    return 0;
  }

  let parametersUri: string | undefined;
  if (options.parameters !== undefined) {
    const path = resolve(io.cwd, options.parameters);
    try {
      accessSync(path, constants.R_OK);
    } catch (e) {
      io.err(`ase-lint: cannot read parameters file '${options.parameters}': ${reason(e)}\n`);
      return 2;
    }
    parametersUri = pathToFileURL(path).href;
  }

  const { files, errors } = collectFiles(options.paths, io.cwd);
  let ioFailed = errors.length > 0;
  for (const e of errors) io.err(`ase-lint: ${e}\n`);

  const findings: CliFinding[] = [];
  const seen = new Set<string>();
  let templates = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.absolute, 'utf8');
    } catch (e) {
      io.err(`ase-lint: cannot read '${file.display}': ${reason(e)}\n`);
      ioFailed = true;
      continue;
    }
    const uri = pathToFileURL(file.absolute).href;
    let analysis;
    try {
      analysis = analyze(uri, text, createDiskHost(), parametersUri ? { parametersUri } : {});
    } catch (e) {
      // One file that breaks the engine must not hide the results for the others.
      io.err(`ase-lint: analysing '${file.display}' failed: ${describeError(e)}\n`);
      ioFailed = true;
      continue;
    }
    if (!analysis.isTemplate) continue;
    templates++;
    for (const failure of analysis.failures) io.err(`ase-lint: internal failure in '${file.display}': ${failure.split('\n')[0]}\n`);
    for (const f of analysis.findings) {
      const where = f.at.uri === uri ? file.display : displayUri(f.at.uri, io.cwd);
      const cli: CliFinding = { code: f.code, name: f.name, severity: f.severity, file: where, range: f.at.range, message: f.message };
      // A nested template walked on its own and through its parent reports the same finding twice.
      const key = JSON.stringify([cli.file, cli.code, cli.range, cli.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(cli);
    }
  }

  if (options.format === 'json') {
    io.out(formatJson(findings));
  } else {
    io.out(formatText(findings));
    io.err(`${summaryLine(findings, templates)}\n`);
  }
  if (ioFailed) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function displayUri(uri: string, cwd: string): string {
  try {
    return displayPath(fileURLToPath(uri), cwd);
  } catch {
    return uri;
  }
}

// Only when run as a program: tests import runCli without side effects.
if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
