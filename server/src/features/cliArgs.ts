export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  format: OutputFormat;
  /** A parameters file applied to every template analysed. */
  parameters?: string;
  paths: string[];
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

export const usage = `Usage: ase-lint [--format text|json] [--parameters FILE] PATH...

Checks ARM templates that deploy App Service Environments for networking that breaks them.
Directories are searched recursively for .json and .jsonc templates (node_modules and
dot-directories are skipped); other JSON files, parameter files included, are ignored.

Options:
  --format text|json   output format (default: text)
  --parameters FILE    parameters file to use for the templates, instead of the one beside them
  --help               show this help
  --version            show the version

Exit status: 0 no error-level finding, 1 at least one, 2 usage or I/O error.`;

/** Parses argv (without node and the script). Both `--flag value` and `--flag=value` are accepted. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { format: 'text', paths: [], help: false, version: false };
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
      case '--format':
      case '-f': {
        const v = value();
        if (v !== 'text' && v !== 'json') return { ok: false, error: `--format expects 'text' or 'json', got ${v === undefined ? 'nothing' : `'${v}'`}` };
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
      default:
        return { ok: false, error: `unknown option '${name}'` };
    }
  }
  if (!options.help && !options.version && options.paths.length === 0) return { ok: false, error: 'no PATH given' };
  return { ok: true, options };
}
