export type OutputFormat = 'text' | 'json' | 'sarif';

import { ruleLevelNames as ruleLevels, type RuleLevel } from '../engine/config/ruleLevels';
import type { Severity } from '../core/findings';

export type { RuleLevel };

/** `--fail-on`: the least severe level whose findings fail the run, or `none`. */
export type FailOn = Severity | 'none';

const failOnLevels: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'none'];

/** One `--rule` as written; the rule is resolved against the catalogue later (see cliRules). */
export interface RuleSetting {
  rule: string;
  level: RuleLevel;
}

export interface CliOptions {
  format: OutputFormat;
  /** A parameters file applied to every template analysed. */
  parameters?: string;
  /** A project file to use instead of the nearest `ase-lint.json` of each template. */
  config?: string;
  /** In the order given: a later setting for the same rule wins. */
  rules: RuleSetting[];
  /** Findings at this level or a more severe one fail the run (default: error). */
  failOn: FailOn;
  /** Exit 1 when more warnings than this are found (after `--rule`), and not for fewer, whatever `failOn` says. */
  maxWarnings?: number;
  /** Report error-level findings only. */
  quiet: boolean;
  /** Files the templates reference may be read outside the current directory and the paths given. */
  readOutsideWorkspace: boolean;
  /** Templates larger than this many MB are not analysed (one information finding says so). */
  maxFileSizeMB?: number;
  /** Apply the safe fixes and write the files (`fix`), or print them as a unified diff without writing (`dry-run`). */
  fix?: 'write' | 'dry-run';
  paths: string[];
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

export const usage = `Usage: ase-lint [options] PATH...

Checks ARM templates and Bicep files that deploy App Service Environments for networking that breaks them.
A PATH is a file, a directory or a glob pattern (quote it: 'infra/**/*.json'); a path
that exists is taken as it is. Directories are searched recursively for .json, .jsonc
and .bicep templates; directories and globs skip node_modules and dot-directories. JSON files that
are not deployment templates, parameter files included, are ignored. The current
directory and the paths given are the workspace: a module (a file another file of it
deploys) is checked through the files that deploy it, and each finding is reported once,
in the file it is in. Registry modules are read from Bicep's local cache, never fetched.

Options:
  --format text|json|sarif  output format (default: text); sarif writes SARIF 2.1.0
  --parameters FILE         parameters file to use for the templates, instead of the one beside them
  --config FILE             project file to use instead of the nearest ase-lint.json (looked up
                            from each template's folder up to the repository root)
  --rule CODE=LEVEL         set a rule (code or name) to off|error|warning|information|hint;
                            repeatable, e.g. --rule ASE401=error --rule outbound-https=off;
                            overrides the project file
  --fail-on LEVEL           exit 1 on findings at LEVEL or more severe: error (default),
                            warning, information, hint, or none (findings never fail the run)
  --max-warnings N          exit 1 when more than N warnings are found, and not for N or fewer
                            (with --fail-on warning or below too)
  --quiet                   report errors only (the others still count for --fail-on and
                            --max-warnings)
  --max-file-size MB        do not analyse templates larger than MB megabytes (default 16);
                            each gets one information finding instead
  --read-outside-workspace  read files the templates reference (modules, linked templates,
                            parameters, loaded content) also outside the current directory
                            and the paths given; by default nothing outside them is read
  --fix                     apply the safe quick fixes of error and warning findings to the
                            files (templates, parameters files, modules they edit), analysing
                            again after each fix until none is left; then report what remains
  --fix-dry-run             print the changes --fix would make as a unified diff on standard
                            output instead of writing them (the summary goes to standard error)
  --help                    show this help
  --version                 show the version

Exit status: 0 no finding fails the run, 1 findings at the --fail-on level or more
severe (or more warnings than --max-warnings), 2 usage or I/O error.`;

/** Parses argv (without node and the script). Both `--flag value` and `--flag=value` are accepted. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { format: 'text', rules: [], failOn: 'error', quiet: false, readOutsideWorkspace: false, paths: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? (i + 1 < argv.length ? argv[++i] : undefined);
    switch (name) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
      case '-v':
        options.version = true;
        break;
      case '--quiet':
      case '-q':
        options.quiet = true;
        break;
      case '--read-outside-workspace':
        options.readOutsideWorkspace = true;
        break;
      case '--fix':
      case '--fix-dry-run': {
        const mode = name === '--fix' ? 'write' : 'dry-run';
        if (inline !== undefined) return { ok: false, error: `${name} takes no value` };
        if (options.fix && options.fix !== mode) return { ok: false, error: '--fix and --fix-dry-run cannot be combined' };
        options.fix = mode;
        break;
      }
      case '--max-file-size': {
        const v = value();
        // Decimal megabytes only: Number('') is 0 and Number('1e3') a thousand.
        if (v === undefined || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) return { ok: false, error: `--max-file-size expects a number of megabytes above 0, got ${shown(v)}` };
        options.maxFileSizeMB = Number(v);
        break;
      }
      case '--format':
      case '-f': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') {
          return { ok: false, error: `--format expects 'text', 'json' or 'sarif', got ${shown(v)}` };
        }
        options.format = v;
        break;
      }
      case '--parameters':
      case '-p': {
        const v = value();
        if (!v) return { ok: false, error: '--parameters expects a file' };
        options.parameters = v;
        break;
      }
      case '--config':
      case '-c': {
        const v = value();
        if (!v) return { ok: false, error: '--config expects a file' };
        options.config = v;
        break;
      }
      case '--rule': {
        const v = value();
        const setting = v === undefined ? undefined : parseRuleSetting(v);
        if (!setting) return { ok: false, error: `--rule expects CODE=LEVEL with LEVEL one of ${ruleLevels.join('|')}, got ${shown(v)}` };
        options.rules.push(setting);
        break;
      }
      case '--fail-on': {
        const v = value()?.toLowerCase();
        if (!(failOnLevels as readonly (string | undefined)[]).includes(v)) return { ok: false, error: `--fail-on expects ${failOnLevels.join('|')}, got ${shown(v)}` };
        options.failOn = v as FailOn;
        break;
      }
      case '--max-warnings': {
        const v = value();
        // Digits only: Number('') is 0 and Number('1e3') is 1000, neither of which a user means.
        if (v === undefined || !/^\d+$/.test(v)) return { ok: false, error: `--max-warnings expects a whole number, got ${shown(v)}` };
        options.maxWarnings = Number(v);
        break;
      }
      default:
        return { ok: false, error: `unknown option '${name}'` };
    }
  }
  if (options.failOn === 'none' && options.maxWarnings !== undefined) {
    return { ok: false, error: '--max-warnings cannot be combined with --fail-on none, under which findings never fail the run' };
  }
  if (options.fix === 'dry-run' && options.format !== 'text') {
    return { ok: false, error: `--fix-dry-run prints a unified diff and cannot be combined with --format ${options.format}` };
  }
  if (!options.help && !options.version && options.paths.length === 0) return { ok: false, error: 'no PATH given' };
  return { ok: true, options };
}

function parseRuleSetting(text: string): RuleSetting | undefined {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) return undefined;
  const rule = text.slice(0, eq).trim();
  const level = text.slice(eq + 1).trim().toLowerCase();
  if (!rule || !(ruleLevels as readonly string[]).includes(level)) return undefined;
  return { rule, level: level as RuleLevel };
}

function shown(v: string | undefined): string {
  return v === undefined ? 'nothing' : `'${v}'`;
}
