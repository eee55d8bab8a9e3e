// ase-lint: the same engine as the language server, for pipelines. See `usage` for the
// interface; exit status 0 (clean), 1 (findings at the --fail-on level, error by default,
// or too many warnings), 2 (usage or I/O).
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { analyze, DEFAULT_MAX_FILE_MB, describeError, finish, oversizedFinding, parseDocument, reuseBetweenVersions, runEntry, type Analysis, type AnalyzeOptions, type EntryRun } from '../engine/analyze';
import { indexFolders } from '../engine/workspace/files';
import { reaches, throughRuns } from '../engine/workspace/context';
import { templateReferences } from '../engine/workspace/references';
import { fileKey } from '../engine/workspace/graph';
import { allRules } from '../rules/index';
import { CLI_FIX_LIMIT, cliFixLimit, FixOffers } from '../engine/safeFixes';
import { fixAll } from '../engine/fixAll';
import { fixDiff } from './fixDiff';
import { parseCliArgs, usage } from './args';
import { renderCliFix } from './fixes';
import { exitWhenWritten, guardOutput, terminalText } from './output';
import { createProgress } from './progress';
import { exitStatus, formatJson, formatText, reportedFindings, summaryLine } from './report';
import { type CliFinding } from '../query/cliFinding';
import { resolveRuleLevels } from './rules';
import { loadConfigs } from './config';
import { mergeLevels } from '../engine/config/ruleLevels';
import { createDiskHost, readRegularFile } from '../engine/diskHost';
import { formatSarif } from '../query/sarif';
import { boundMessage } from '../core/excerpt';
import { looksLikeTemplate } from '../parse/schema';
import { collectFiles, displayPath, reason } from './templateFiles';

interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal: progress is drawn only there. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Milliseconds, for deciding when a run is long enough to show progress. */
  now?(): number;
}

/** Runs the CLI and returns its exit status; never throws. */
export function runCli(argv: readonly string[], io: Io): number {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.err(`ase-lint: ${terminalText(parsed.error)}\n\n${usage}\n`);
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
  const resolved = resolveRuleLevels(options.rules, allRules);
  if (!resolved.ok) {
    io.err(`ase-lint: ${terminalText(resolved.error)}\n`);
    return 2;
  }
  const levels = resolved.levels;

  let parametersUri: string | undefined;
  if (options.parameters !== undefined) {
    const path = resolve(io.cwd, options.parameters);
    try {
      accessSync(path, constants.R_OK);
    } catch (e) {
      io.err(`ase-lint: ${terminalText(`cannot read parameters file '${options.parameters}': ${reason(e)}`)}\n`);
      return 2;
    }
    parametersUri = pathToFileURL(path).href;
  }

  const progress = createProgress({
    isTTY: io.stderrIsTTY === true,
    columns: io.stderrColumns,
    now: io.now ?? (() => 0),
    write: io.err,
  });
  // Messages must not land in the middle of a progress line.
  const problems: { text: string; level: 'error' | 'warning' }[] = [];
  const problem = (message: string, level: 'error' | 'warning' = 'error') => {
    // Paths and reasons come from the templates too: a message quotes excerpts of them.
    const text = boundMessage(message);
    progress.clear();
    problems.push({ text, level });
    io.err(`ase-lint: ${terminalText(text)}\n`);
  };

  const { files, errors, skipped } = collectFiles(options.paths, io.cwd);
  let ioFailed = errors.length > 0;
  for (const e of errors) problem(e);
  for (const s of skipped) problem(s, 'warning');

  // Referenced files are read only where the command line points, unless it says otherwise (see diskHost.ts); a refusal is said once, like an unreadable path.
  const confinement = options.readOutsideWorkspace
    ? {}
    : {
        roots: [io.cwd, ...options.paths.map((p) => resolve(io.cwd, p)), ...files.map((f) => f.absolute), ...(parametersUri ? [parametersUri] : [])],
        rootsName: 'the current directory and the paths given',
        outsideHint: '--read-outside-workspace allows reading it',
      };
  // With --fix and --fix-dry-run: each file as the fixes left it, read by every later analysis; written (or printed) at the end.
  const fixed = new Map<string, string>();
  let fixCount = 0;
  const host = createDiskHost((uri) => fixed.get(uri), {
    ...confinement,
    // The run goes on without the file (its rules stay silent, ASE902 says so): a warning, not a failed run.
    onRefused: (uri, why) => problem(`not reading '${displayUri(uri, io.cwd)}': ${why}`, 'warning'),
  });
  // The project files, read and checked before anything is analysed: a typo in one is a usage error, as in `--rule`.
  const configs = loadConfigs(options.config, files.map((f) => f.absolute), io.cwd, createDiskHost(undefined, confinement));
  if (!configs.ok) {
    progress.clear();
    for (const e of configs.errors) io.err(`ase-lint: ${terminalText(e)}\n`);
    return 2;
  }

  const limitMb = options.maxFileSizeMB ?? DEFAULT_MAX_FILE_MB;
  const wantFixes = options.format === 'sarif';
  // Each file is analysed once; only verifying fixes analyses versions of it again.
  reuseBetweenVersions(wantFixes);
  const findings: CliFinding[] = [];
  const targets: string[] = [];
  const seen = new Set<string>();

  // The workspace: the current directory and the paths given. Which file deploys which
  // decides how each is analysed: an entry point (a file no other file deploys) as it
  // is, a module through the entry points that deploy it. Each finding is reported once,
  // by the file it is in.
  const home = homedir();
  const workspace = indexFolders(outermost([io.cwd, ...options.paths.map((p) => folderOf(resolve(io.cwd, p)))]));
  // A run on one file (a pipeline step on one large template) reads it once: the text read here is the one analysed.
  let readBefore: { path: string; text: string } | undefined;
  for (const f of files) {
    const uri = pathToFileURL(f.absolute).href;
    if (workspace.has(uri)) continue;
    const read = readRegularFile(f.absolute, undefined, limitMb * 2 ** 20);
    if (typeof read !== 'string') continue;
    workspace.set(uri, templateReferences(uri, read).map((r) => r.uri));
    if (files.length === 1) readBefore = { path: f.absolute, text: read };
  }
  const linted = new Set(files.map((f) => fileKey(pathToFileURL(f.absolute).href)));
  /** A linted module reports its own findings (through its callers): the entry points leave them to it. */
  const reportsItself = (uri: string) => linted.has(fileKey(uri)) && workspace.isUsed(uri);
  const entryRuns = new Map<string, ReturnType<typeof runEntry> | null>();
  /** `own`: the file's text as read and parsed already, when the file analysed is the entry point itself (a large file is then held in memory once, not twice). */
  const entryRun = (uri: string, entryOptions: AnalyzeOptions, own?: { text: string; document: ReturnType<typeof parseDocument> }): ReturnType<typeof runEntry> | undefined => {
    const key = `${fileKey(uri)}\n${JSON.stringify([...(entryOptions.ruleLevels ?? [])])}`;
    if (!entryRuns.has(key)) {
      let run: ReturnType<typeof runEntry> | null = null;
      try {
        const text = own ? own.text : readRegularFile(fileURLToPath(uri), undefined, limitMb * 2 ** 20);
        if (typeof text === 'string') run = runEntry(uri, text, host, entryOptions, own?.document);
      } catch (e) {
        problem(`analysing '${displayUri(uri, io.cwd)}' failed: ${describeError(e)}`);
      }
      entryRuns.set(key, run);
    }
    return entryRuns.get(key) ?? undefined;
  };
  /** A file's analysis: through the entry points that deploy it when it is a module, else on its own (its run shared with the modules it deploys). */
  const analyseInWorkspace = (uri: string, text: string, fileOptions: AnalyzeOptions): Analysis => {
    // Without fixes to render, a large template's tree is never whole: each resource is read from the text as it is lowered (parse/armParts.ts).
    const document = parseDocument(uri, text, true, !wantFixes && !options.fix);
    if (!document.isTemplate) return analyze(uri, text, host, fileOptions);
    const { parametersUri: _own, ...shared } = fileOptions;
    if (workspace.isUsed(uri)) {
      const { entries, more } = workspace.entryPointsOf(uri);
      const entryOptions = { ...shared, ...(parametersUri ? { parametersUri } : {}) };
      const runs = entries.map((e) => entryRun(e, entryOptions)).filter((r): r is EntryRun => !!r && reaches(r, uri));
      const context = { entries: entries.map((e) => ({ uri: e, ...(parametersUri ? { parametersUri } : {}) })), ...(more > 0 ? { more } : {}) };
      if (runs.length > 0) {
        const through = throughRuns(document, runs, { ...fileOptions, workspace: context });
        const failures = runs.flatMap((r) => r.failures.map((f) => `through ${displayUri(r.uri, io.cwd)}: ${f}`));
        // The options say how it was made: a fix is verified by analysing it again through the same entry points.
        return finish(document, through.found, through.model, host, { ...fileOptions, workspace: context }, failures, through.contexts);
      }
    }
    const run = entryRun(uri, fileOptions, { text, document });
    if (!run?.model) return analyze(uri, text, host, fileOptions);
    return finish(run.document, run.found, run.model, host, fileOptions, [...run.failures]);
  };
  for (const [i, file] of files.entries()) {
    progress.update(i, files.length, terminalText(file.display));
    // The same checks as for referenced files: a device or a pipe named on the command line must not hang the run.
    const read = readBefore?.path === file.absolute ? readBefore.text : readRegularFile(file.absolute, undefined, limitMb * 2 ** 20);
    readBefore = undefined;
    const uri = pathToFileURL(file.absolute).href;
    if (typeof read !== 'string' && read.tooLarge) {
      // Above the size limit: a template gets one information finding (unless ASE902 is off) instead of an analysis.
      if (!looksLikeTemplate(uri, read.tooLarge.head)) continue;
      targets.push(uri);
      const level = mergeLevels(configs.forFile(file.absolute)?.rules, levels).get('ASE902');
      if (level === 'off') continue;
      const bytes = read.tooLarge.bytes ?? limitMb * 2 ** 20 + 1;
      const f = oversizedFinding(uri, bytes, limitMb, `raise the limit with --max-file-size ${Math.ceil(bytes / 2 ** 20)} to check it`);
      findings.push({ code: f.code, name: f.name, severity: level ?? f.severity, file: file.display, uri, range: f.at.range, message: f.message, related: [] });
      continue;
    }
    if (typeof read !== 'string') {
      problem(`cannot read '${file.display}': ${read.reason}`);
      ioFailed = true;
      continue;
    }
    const text = fixed.get(uri) ?? read;
    let analysis;
    try {
      const config = configs.forFile(file.absolute);
      analysis = analyseInWorkspace(uri, text, {
        ...(parametersUri ? { parametersUri } : {}),
        homeDirectory: home,
        // Each template's tree goes once its model is built: the peak of a large file is then the model, not both.
        // Not when fixes are verified: each verification shares the tree and replays the lowering kept with it.
        releaseSyntax: !wantFixes,
        ruleLevels: mergeLevels(config?.rules, levels),
        ...(config?.unusedSuppressions ? { unusedSuppressions: config.unusedSuppressions } : {}),
      });
    } catch (e) {
      // One file that breaks the engine must not hide the results for the others.
      problem(`analysing '${file.display}' failed: ${describeError(e)}`);
      ioFailed = true;
      continue;
    }
    if (!analysis.isTemplate) continue;
    targets.push(uri);
    for (const failure of analysis.failures) problem(`internal failure in '${file.display}': ${failure.split('\n')[0]}`);
    if (options.fix) {
      try {
        const result = fixAll(analysis, host);
        for (const [u, t] of result.texts) fixed.set(u, t);
        fixCount += result.applied.length;
        analysis = result.final;
        if (result.bounded) problem(`'${file.display}' still has fixes to apply after ${result.applied.length}: run again to apply them`, 'warning');
      } catch (e) {
        problem(`fixing '${file.display}' failed: ${describeError(e)}`);
        ioFailed = true;
      }
    }
    const fixLimit = cliFixLimit(analysis.document.text.length);
    const offers = new FixOffers(analysis, host, fixLimit);
    const suppressed = new Set(analysis.suppressed.map((x) => x.finding));
    const justification = new Map(analysis.suppressed.map((x) => [x.finding, x.directive.reason]));
    for (const f of [...analysis.findings, ...analysis.suppressed.map((x) => x.finding)]) {
      if (f.at.uri !== uri && reportsItself(f.at.uri)) continue;
      const where = f.at.uri === uri ? file.display : displayUri(f.at.uri, io.cwd);
      // A nested template walked on its own and through its parent reports the same finding twice.
      const key = JSON.stringify([where, f.code, f.at.range, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = wantFixes && f.fix ? renderCliFix(offers, f) : undefined;
      findings.push({
        code: f.code,
        name: f.name,
        severity: f.severity,
        file: where,
        uri: f.at.uri,
        range: f.at.range,
        message: f.message,
        ...(f.details?.length ? { details: f.details } : {}),
        // An element whose file is not known cannot be linked to.
        related: (f.related ?? []).filter((r) => r.at.uri).map((r) => ({ uri: r.at.uri, range: r.at.range, message: r.message })),
        ...(f.parameterValues?.length
          ? { values: f.parameterValues.map((v) => ({ uri: v.at.uri, file: displayUri(v.at.uri, io.cwd), range: v.at.range, message: v.message })) }
          : {}),
        ...(fix ? { fix } : {}),
        ...(suppressed.has(f) ? { suppression: justification.get(f) ? { justification: justification.get(f) } : {} } : {}),
      });
    }
    if (offers.skipped > 0) {
      const why = fixLimit < CLI_FIX_LIMIT ? `the first ${fixLimit} fixes of a file this large are verified (each check analyses the whole file again)` : `the first ${CLI_FIX_LIMIT} fixes of a file are verified`;
      problem(`fixes for ${offers.skipped} more findings in '${file.display}' are left out: ${why}, and a fix is never reported unverified`, 'warning');
    }
  }
  progress.clear();

  if (options.fix) {
    const changed = [...fixed].map(([uri, text]) => ({ uri, text, display: displayUri(uri, io.cwd) }));
    if (options.fix === 'dry-run') {
      for (const c of changed) {
        const original = readRegularFile(fileURLToPath(c.uri), undefined, Number.MAX_SAFE_INTEGER);
        io.out(fixDiff(c.display, typeof original === 'string' ? original : '', c.text));
      }
    } else {
      for (const c of changed) {
        try {
          writeFileSync(fileURLToPath(c.uri), c.text, 'utf8');
        } catch (e) {
          problem(`cannot write '${c.display}': ${reason(e)}`);
          ioFailed = true;
        }
      }
    }
    const files = `${changed.length} ${changed.length === 1 ? 'file' : 'files'}`;
    io.err(`ase-lint: ${options.fix === 'dry-run' ? 'would apply' : 'applied'} ${fixCount} ${fixCount === 1 ? 'fix' : 'fixes'} in ${files}\n`);
  }

  // Severities are already the configured ones (the engine applies them); suppressed findings count for nothing.
  const effective = findings.filter((f) => !f.suppression);
  const reported = reportedFindings(options.format === 'sarif' ? findings : effective, options.quiet);
  if (options.format === 'json') {
    io.out(formatJson(reported));
  } else if (options.format === 'sarif') {
    io.out(
      formatSarif({
        cwd: io.cwd,
        toolVersion: version,
        rules: allRules,
        levels,
        findings: reported,
        targets,
        executionSuccessful: !ioFailed,
        problems,
      }),
    );
  } else {
    // The dry run's standard output is the diff; the findings that would remain are counted in the summary.
    if (options.fix !== 'dry-run') io.out(formatText(reported));
    io.err(`${summaryLine(effective, targets.length, options.failOn)}\n`);
  }
  return exitStatus(effective, ioFailed, options.maxWarnings, options.failOn);
}

/** The folder of a path given (itself when it is a folder; a glob or a missing path: the working directory's part of it). */
function folderOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** The folders that are not inside another of them: each is walked once. */
function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders)];
  return unique.filter((f) => !unique.some((g) => g !== f && isWithin(f, g)));
}

function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function displayUri(uri: string, cwd: string): string {
  try {
    return displayPath(fileURLToPath(uri), cwd);
  } catch {
    return uri;
  }
}

/** Runs the command line as a program: its arguments, standard output and error, its exit status. */
export function main(): void {
  const output = guardOutput(process.stdout, process.stderr, (status) => process.exit(status), () => {
    const status = process.exitCode;
    return typeof status === 'number' ? status : undefined;
  });
  const status = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    out: output.out,
    err: output.err,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    now: () => performance.now(),
  });
  process.exitCode = status;
  exitWhenWritten([process.stdout, process.stderr], () => process.exit(status));
}

// Only when run as a program (launch.ts calls main itself): tests import runCli without side effects.
if (require.main === module) main();
