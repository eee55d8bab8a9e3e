// npm run sight [-- --verbose] [-- --json] [-- DIR...]: how much of real-world templates
// the engine can see. Each DIR (by default ../shared/corpus/real and ../shared/corpus/arm)
// is a workspace: its entry points (template files no other file of it deploys) are
// analysed as a user would lint the folder, with the parameters files the folder holds
// and nothing else, and for each ASE and each app with regional VNet Integration the
// script says which rule families could be evaluated. ASEs whose subnet is declared
// somewhere in the workspace are counted apart from those placed in a subnet it does not
// declare (an existing subnet passed in as a parameter): the rules of the latter cannot
// be evaluated from the workspace at all.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../server/src/engine/analyze';
import { createDiskHost } from '../server/src/engine/diskHost';
import { indexFolders } from '../server/src/engine/workspace/files';
import { resourceKeyFromId } from '../server/src/eval/resourceId';
import { isUnknown } from '../server/src/core/value';
import type { AppServiceEnvironment, NetworkModel, Site } from '../server/src/model/types';
import { aseSites } from '../server/src/rules/support/aseSite';
import { dependencyStatuses } from '../server/src/query/aseStatus';

const root = resolve(__dirname, '..');
const defaultCorpora = [join(root, '..', 'shared', 'corpus', 'real'), join(root, '..', 'shared', 'corpus', 'arm')];

type Family = 'nsg' | 'routes' | 'subnet' | 'dns' | 'integration';

interface AseSight {
  file: string;
  name: string;
  version: string;
  /**
   * Where its subnet is declared: in the analysed deployment (`linked`), in another
   * deployment of the workspace (`elsewhere`), nowhere in it (`external`: the subnet is
   * named by a parameter the deployer gives, or by an id no template declares), or the
   * engine could not resolve the reference (`unresolved`: a miss, counted with the
   * declared ones).
   */
  subnet: 'linked' | 'elsewhere' | 'external' | 'unresolved';
  families: Partial<Record<Family, boolean>>;
  /** Why a family could not be evaluated (the first reason met). */
  why: string[];
}

interface AppSight {
  file: string;
  name: string;
  subnet: 'linked' | 'undeclared';
  families: Partial<Record<Family, boolean>>;
  why: string[];
}

interface CorpusSight {
  folder: string;
  entries: string[];
  modules: string[];
  ases: AseSight[];
  apps: AppSight[];
  failures: string[];
}

function sightOf(folder: string): CorpusSight {
  // The module library keeps its test deployments in `.test` folders: they are part of the corpus.
  const graph = indexFolders([folder], { dotDirectories: true });
  const files = graph.files().sort();
  const entries = files.filter((f) => !graph.isUsed(f));
  const modules = files.filter((f) => graph.isUsed(f));
  const host = createDiskHost(undefined, { roots: [folder] });
  const models: { file: string; model: NetworkModel }[] = [];
  const failures: string[] = [];
  for (const uri of entries) {
    const analysis = analyze(uri, readFileSync(fileURLToPath(uri), 'utf8'), host);
    if (!analysis.isTemplate || !analysis.model) continue;
    failures.push(...analysis.failures.map((f) => `${display(folder, uri)}: ${f.split('\n')[0]}`));
    models.push({ file: display(folder, uri), model: analysis.model });
  }
  // Every subnet any deployment of the workspace declares, by key.
  const declared = new Set<string>();
  for (const { model } of models) for (const s of model.subnets) if (!s.existing) declared.add(s.key);

  const ases: AseSight[] = [];
  const apps: AppSight[] = [];
  for (const { file, model } of models) {
    for (const ase of model.ases) ases.push(aseSight(file, model, ase, declared));
    for (const site of model.sites) if (site.integrationSubnet) apps.push(appSight(file, site));
  }
  return { folder, entries: entries.map((e) => display(folder, e)), modules: modules.map((m) => display(folder, m)), ases, apps, failures };
}

function aseSight(file: string, model: NetworkModel, ase: AppServiceEnvironment, declared: Set<string>): AseSight {
  const target = ase.subnet?.target;
  const id = ase.subnet?.id;
  const key = typeof id === 'string' ? resourceKeyFromId(id) : undefined;
  const subnet: AseSight['subnet'] =
    target && !target.existing
      ? 'linked'
      : key !== undefined && declared.has(key)
        ? 'elsewhere'
        : id === undefined || typeof id === 'string' || /^parameter '.*' has no value$/.test(id.reason)
          ? 'external'
          : 'unresolved';
  const out: AseSight = { file, name: label(ase.name), version: isUnknown(ase.version) ? '?' : ase.version, subnet, families: {}, why: [] };
  const site = aseSites(model).find((s) => s.ase === ase);
  if (!site) {
    const why = isUnknown(ase.version)
      ? `version: ${ase.version.reason}`
      : isUnknown(ase.condition)
        ? `condition: ${ase.condition.reason}`
        : !ase.subnet
          ? 'no subnet reference'
          : isUnknown(ase.subnet.id)
            ? `subnet: ${ase.subnet.id.reason}`
            : `subnet ${ase.subnet.id} is not declared in the deployment`;
    out.why.push(why);
    for (const f of ['nsg', 'routes', 'subnet'] as Family[]) out.families[f] = false;
    return out;
  }
  const statuses = dependencyStatuses(site, model);
  const judge = (family: Family, rows: typeof statuses) => {
    const unknown = rows.find((r) => r.status === 'unknown');
    out.families[family] = rows.length > 0 && !unknown;
    if (unknown) out.why.push(`${family} (${unknown.code}): ${unknown.detail}`);
  };
  judge('nsg', statuses.filter((s) => /^ASE[12]\d\d$/.test(s.code)));
  if (site.version === 'v3') {
    out.families.routes = !isUnknown(site.routeTable);
    if (isUnknown(site.routeTable)) out.why.push(`routes: ${site.routeTable.reason}`);
  } else {
    judge('routes', statuses.filter((s) => s.code === 'ASE301'));
  }
  judge('subnet', statuses.filter((s) => s.code === 'ASE401' || s.code === 'ASE403'));
  const dns = statuses.filter((s) => s.code === 'ASE504');
  if (dns.length > 0) judge('dns', dns);
  return out;
}

function appSight(file: string, site: Site): AppSight {
  const subnet = site.integrationSubnet?.target;
  const out: AppSight = { file, name: label(site.name), subnet: subnet ? 'linked' : 'undeclared', families: {}, why: [] };
  if (!subnet) {
    const id = site.integrationSubnet?.id;
    out.families.integration = false;
    out.why.push(isUnknown(id) ? `subnet: ${id.reason}` : `subnet ${String(id)} is not declared in the deployment`);
    return out;
  }
  const reasons: string[] = [];
  if (isUnknown(subnet.addressPrefixes) || subnet.addressPrefixes.some((p) => isUnknown(p.value))) reasons.push('the subnet prefix is unknown');
  if (isUnknown(subnet.delegations) || subnet.delegations.some((d) => isUnknown(d.value))) reasons.push('the delegation is unknown');
  const plan = site.plan?.target;
  if (!plan) reasons.push('the plan is not declared in the deployment');
  out.families.integration = reasons.length === 0;
  out.why.push(...reasons);
  return out;
}

function label(name: string | { reason: string } | undefined): string {
  return typeof name === 'string' ? name : '(name unresolved)';
}

function display(folder: string, uri: string): string {
  return relative(folder, fileURLToPath(uri));
}

function percent(n: number, of: number): string {
  return of === 0 ? '-' : `${Math.round((n / of) * 100)}%`;
}

function report(s: CorpusSight, verbose: boolean): void {
  console.log(`\n${relative(process.cwd(), s.folder) || s.folder}: ${s.entries.length} entry points, ${s.modules.length} module files analysed through them`);
  const declared = s.ases.filter((a) => a.subnet !== 'external');
  const seen = declared.filter((a) => a.families.nsg && a.families.routes);
  const linked = declared.filter((a) => a.subnet === 'linked');
  const unresolved = declared.filter((a) => a.subnet === 'unresolved');
  console.log(
    `  ASEs: ${s.ases.length}; subnet declared in the workspace: ${declared.length} (${linked.length} linked in the same deployment, ` +
      `${unresolved.length} whose reference the engine cannot resolve); in a subnet it does not declare: ${s.ases.length - declared.length}`,
  );
  console.log(`  NSG and route rules evaluated: ${seen.length} of ${declared.length} ASEs whose subnet the workspace declares (${percent(seen.length, declared.length)})`);
  for (const f of ['nsg', 'routes', 'subnet', 'dns'] as Family[]) {
    const with_ = s.ases.filter((a) => a.families[f] !== undefined);
    const ok = with_.filter((a) => a.families[f]);
    console.log(`    ${f.padEnd(12)} ${ok.length}/${with_.length} of all ASEs (${percent(ok.length, with_.length)})`);
  }
  const appsOk = s.apps.filter((a) => a.families.integration);
  console.log(`  Apps with regional VNet Integration: ${s.apps.length}; integration rules evaluated: ${appsOk.length} (${percent(appsOk.length, s.apps.length)})`);
  if (s.failures.length > 0) console.log(`  internal failures: ${s.failures.join('; ')}`);
  if (!verbose) return;
  for (const a of s.ases) {
    const fams = Object.entries(a.families).map(([f, ok]) => `${f} ${ok ? 'yes' : 'no'}`).join(', ');
    console.log(`    ASE ${a.name} (${a.version}) in ${a.file}; subnet ${a.subnet}; ${fams}`);
    for (const w of a.why) console.log(`      ${w}`);
  }
  for (const a of s.apps) {
    console.log(`    app ${a.name} in ${a.file}; subnet ${a.subnet}; integration ${a.families.integration ? 'yes' : 'no'}`);
    for (const w of a.why) console.log(`      ${w}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const json = args.includes('--json');
  const folders = args.filter((a) => !a.startsWith('--')).map((a) => resolve(a));
  const sights = (folders.length > 0 ? folders : defaultCorpora).map(sightOf);
  if (json) {
    console.log(JSON.stringify(sights, null, 2));
    return;
  }
  for (const s of sights) report(s, verbose);
  if (sights.length > 1) {
    const declared = sights.flatMap((s) => s.ases.filter((a) => a.subnet !== 'external'));
    const seen = declared.filter((a) => a.families.nsg && a.families.routes);
    console.log(`\nAll: NSG and route rules evaluated for ${seen.length} of ${declared.length} ASEs whose subnet the workspace declares (${percent(seen.length, declared.length)})`);
  }
}

main();
