/**
 * The shapes of template the benchmark measures, each a list of units (one document
 * each). A shape is a size ladder of generated templates or the entry files of a folder
 * of real ones; `npm run bench -- --shape <id>[/<unit>]` measures a subset.
 *
 * To add a shape, append to `shapes`: generated text with `generatedUnit`, or a folder
 * of templates with `folderShape` (a workspace whose files reference each other is read
 * through the engine's disk host, confined to the folder, in process and in the server).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { generateArmTemplate } from './armTemplate';
import { generateBicepTemplate } from './bicepTemplate';
import { generateHubSpoke, SUBNETS_PER_SPOKE } from './hubSpoke';
import { generateManySmall, RULES_PER_STACK } from './manySmall';

export type Language = 'arm' | 'bicep';

/** One document of a shape, as measured. */
export interface Document {
  text: string;
  /** Offset of a character inside a string value (a description): the spot the one-character edits change. */
  editOffset: number;
  /** What JSON.parse is timed on: the text itself (ARM), or the same template in ARM JSON (Bicep); undefined when there is none. */
  jsonText?: string;
  description: string;
  /** Where the document lives: generated ones are written to bench-out/, real ones are read where they are. */
  file?: string;
  /** Other files the analysis may read (parameter files, modules) are read below this folder; undefined: none. */
  folder?: string;
}

export interface Unit {
  /** `arm-1mb`, or a real file's path in its folder: what `--shape <shape>/<unit>` names. */
  id: string;
  /** `ARM 1 MB`, `Bicep 100 KB`, a file's path: how the output names it. */
  label: string;
  language: Language;
  /** Size class for the targets: the 100 KB and 1 MB targets apply to units of about that size. */
  bytes: number;
  /** Timed analyses in process. */
  runs: number;
  /** Timed keystrokes through the server; 0: not measured there. */
  keystrokes: number;
  /** Peak memory of `ase-lint` on the file, in a fresh process. */
  memory: boolean;
  /** Wall time of `ase-lint` on the file, spawn to exit (with the peak memory of each run). */
  cliRuns: number;
  /** Built when the unit is measured: the 10 MB texts take a while to generate. */
  make(): Document;
}

export interface Shape {
  id: string;
  title: string;
  /** The units, or why the shape cannot be measured here (a folder that is absent). */
  units(): Unit[] | { skip: string };
}

interface Size {
  language: Language;
  label: string;
  bytes: number;
  runs: number;
  keystrokes: number;
  memory?: boolean;
  cliRuns?: number;
}

function unitId(s: Pick<Size, 'language' | 'label'>): string {
  return `${s.language}-${s.label.replace(' ', '').toLowerCase()}`;
}

/** `ARM 1 MB`, `Bicep 100 KB`. */
export function sizeLabel(s: Pick<Size, 'language' | 'label'>): string {
  return `${s.language === 'arm' ? 'ARM' : 'Bicep'} ${s.label}`;
}

function generatedUnit(size: Size, make: () => Document): Unit {
  return {
    id: unitId(size),
    label: sizeLabel(size),
    language: size.language,
    bytes: size.bytes,
    runs: size.runs,
    keystrokes: size.keystrokes,
    memory: size.memory ?? false,
    cliRuns: size.cliRuns ?? 0,
    make,
  };
}

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

/** The original units: few large hub-and-spoke stacks, each an NSG of up to 251 rules, a VNet of seven subnets, a route table, an ASE, a plan and sites. */
const fewLarge: Shape = {
  id: 'few-large',
  title: 'Few large stacks (about 7 ASEs per MB, up to 251 rules per NSG)',
  units: () =>
    (
      [
        { language: 'arm', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30 },
        { language: 'arm', label: '1 MB', bytes: 1_000_000, runs: 20, keystrokes: 20, memory: true },
        { language: 'arm', label: '10 MB', bytes: 10_000_000, runs: 5, keystrokes: 0, memory: true, cliRuns: 3 },
        { language: 'bicep', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30 },
        { language: 'bicep', label: '1 MB', bytes: 1_000_000, runs: 15, keystrokes: 15, memory: true },
      ] satisfies Size[]
    ).map((s) =>
      generatedUnit(s, () => {
        if (s.language === 'arm') {
          const t = generateArmTemplate(s.bytes);
          return { text: t.text, editOffset: t.editOffset, jsonText: t.text, description: `${mb(t.text.length)}, ${t.units} ASEs, ${t.rulesPerNsg} application rules per NSG` };
        }
        const t = generateBicepTemplate(s.bytes);
        return {
          text: t.text,
          editOffset: t.editOffset,
          jsonText: t.armText,
          description: `${mb(t.text.length)}, ${t.units} ASEs, ${t.rulesPerNsg} application rules per NSG; JSON.parse is timed on the same template in ARM JSON (${mb(t.armText.length)})`,
        };
      }),
    ),
};

const manySmall: Shape = {
  id: 'many-small',
  title: `Many small stacks (an NSG of ${RULES_PER_STACK} rules, a route table, a VNet and an ASEv2 each: a landing zone with a spoke per application)`,
  units: () =>
    (
      [
        { language: 'arm', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30 },
        { language: 'arm', label: '1 MB', bytes: 1_000_000, runs: 10, keystrokes: 15, memory: true },
        { language: 'arm', label: '10 MB', bytes: 10_000_000, runs: 3, keystrokes: 0, memory: true, cliRuns: 3 },
        { language: 'bicep', label: '100 KB', bytes: 100_000, runs: 30, keystrokes: 30 },
        { language: 'bicep', label: '1 MB', bytes: 1_000_000, runs: 10, keystrokes: 15, memory: true },
      ] satisfies Size[]
    ).map((s) =>
      generatedUnit(s, () => {
        const g = generateManySmall(s.bytes, s.language);
        const twin = s.language === 'bicep' ? `; JSON.parse is timed on the same template in ARM JSON (${mb(g.armText.length)})` : '';
        return { text: g.text, editOffset: g.editOffset, jsonText: g.armText, description: `${mb(g.text.length)}, ${g.units} stacks (${Math.round(g.units / (g.text.length / 1e6))} per MB)${twin}` };
      }),
    ),
};

const hubSpoke: Shape = {
  id: 'hub-spoke',
  title: `Hub and spoke (one ILB ASEv3 in the hub; spokes of ${SUBNETS_PER_SPOKE} subnets, an NSG on each)`,
  units: () =>
    (
      [
        { language: 'arm', label: '1 MB', bytes: 1_000_000, runs: 15, keystrokes: 15, memory: true },
        { language: 'bicep', label: '1 MB', bytes: 1_000_000, runs: 15, keystrokes: 15, memory: true },
      ] satisfies Size[]
    ).map((s) =>
      generatedUnit(s, () => {
        const g = generateHubSpoke(s.bytes, s.language);
        const twin = s.language === 'bicep' ? `; JSON.parse is timed on the same template in ARM JSON (${mb(g.armText.length)})` : '';
        const nsgs = g.units * SUBNETS_PER_SPOKE + 1;
        return { text: g.text, editOffset: g.editOffset, jsonText: g.armText, description: `${mb(g.text.length)}, ${g.units} spokes: ${nsgs} NSGs and ${nsgs + 1} subnets, 1 ASE${twin}` };
      }),
    ),
};

/** The folder beside the project that holds the shared material (../shared from the repository). */
export function sharedDir(root: string): string {
  return join(root, '..', 'shared');
}

/**
 * The entry files of a folder of templates: deployment templates (ARM JSON whose
 * `$schema` is a deployment template, and Bicep files) that no other file of the folder
 * deploys as a linked template or module. Parameter files are read through their
 * template, never analysed alone.
 */
export function entryFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|bicep)$/i.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  const templates = files.filter((f) => f.endsWith('.bicep') || /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json#?"/i.test(readFileSync(f, 'utf8').slice(0, 2000)));
  // Linked templates (`relativePath`, `uri`) and modules name their file; entry files are named by no other.
  const named = new Set<string>();
  for (const f of templates) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/"(?:relativePath|uri)"\s*:\s*"([^"]+\.json)"|^\s*module\s+\w+\s+'([^']+\.(?:bicep|json))'/gim)) named.add(basename(m[1] ?? m[2]).toLowerCase());
  }
  return templates.filter((f) => !named.has(basename(f).toLowerCase())).sort();
}

/** A character inside a string value near the middle of a real template, preferably a description, where typing changes nothing but the text. */
export function editOffsetIn(text: string): number {
  for (const pattern of [/"description"\s*:\s*"[A-Za-z][a-z]/g, /:\s*"[A-Za-z][a-z]/g]) {
    for (const from of [Math.floor(text.length / 2), 0]) {
      pattern.lastIndex = from;
      const m = pattern.exec(text);
      if (m) return m.index + m[0].length - 1;
    }
  }
  return Math.floor(text.length / 2);
}

/**
 * A shape made of the entry files of a folder (a real workspace), each analysed with the
 * folder as its workspace: the other files it names are read from disk, as in the editor.
 */
export function folderShape(id: string, title: string, dir: string, runsFor: (bytes: number) => { runs: number; keystrokes: number }): Shape {
  return {
    id,
    title,
    units: () => {
      if (!existsSync(dir)) return { skip: `no folder at ${dir}` };
      return entryFiles(dir).map((file): Unit => {
        const bytes = statSync(file).size;
        const language: Language = file.endsWith('.bicep') ? 'bicep' : 'arm';
        const rel = relative(dir, file);
        // The folder of the repository the file belongs to (the first level): its workspace.
        const parts = rel.split(/[\\/]/);
        const folder = join(dir, parts[0]);
        // `ResourceModules …/asev2/deploy.test.json`: the repository without its owner and commit, and the file's last folders.
        const repository = parts[0].replace(/^[^+]*\+/, '').replace(/@.*$/, '');
        return {
          id: rel,
          label: `${repository} …/${parts.slice(-2).join('/')}`,
          language,
          bytes,
          ...runsFor(bytes),
          memory: false,
          cliRuns: 0,
          make: () => {
            const text = readFileSync(file, 'utf8');
            return {
              text,
              editOffset: editOffsetIn(text),
              jsonText: language === 'arm' ? text : undefined,
              description: `${(bytes / 1e3).toFixed(1)} KB`,
              file,
              folder,
            };
          },
        };
      });
    },
  };
}

export function allShapes(root: string): Shape[] {
  const corpus = folderShape(
    'corpus',
    'The real templates of ../shared/corpus/real (each entry file, its repository as the workspace)',
    join(sharedDir(root), 'corpus', 'real'),
    (bytes) => (bytes > 300_000 ? { runs: 10, keystrokes: 10 } : { runs: 20, keystrokes: 10 }),
  );
  return [fewLarge, manySmall, hubSpoke, corpus];
}
