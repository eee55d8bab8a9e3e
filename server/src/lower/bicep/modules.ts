import { readCacheText, readTextOrWhy } from '../../core/host';
import type { LoadedFile } from '../../eval/bicep/env';
import type { DeploymentTarget } from '../../core/symbolic';
import { parseWork } from '../../eval/limits';
import { parseArmDocument, type ArmDocument } from '../../parse/arm';
import { propertyValue } from '../../parse/jsonNode';
import { classifySchema } from '../../parse/schema';
import type { CallerLink } from '../arm/callerLink';
import { ParsedCache, parsedTemplate } from '../arm/templateCache';
import { bicepConfigFor, cacheFileUri, cacheRoot, parseModuleReference, type BicepConfig } from './registry';
import { nestsDeeperThan, TOO_DEEP } from '../../parse/nesting';
import { stringValue, nodeRange, type ModuleDeclaration } from '../../parse/bicep';
import { inertScope } from '../arm/armScope';
import { Converter } from '../arm/convert';
import type { NodeRef } from '../../core/nodeRef';
import { addDeployer } from '../../model/types';
import { getProp, isObject, isUnknown, unknown, type Unknown, type Value } from '../../core/value';
import { ArmModuleFile } from './armModule';
import { parseBicepDocumentHeld } from '../../parse/bicep/document';
import { FileScope, NO_PARAMS, type ModuleInstance, type Workspace } from './fileScope';
import { scopePrefix } from './resources';

/** How deep modules may call modules, and how much text one build may read: a runaway tree stops with a note. */
export const MAX_MODULE_DEPTH = 16;
export const MAX_MODULE_FILES = 256;
export const MAX_MODULE_CHARS = 32 * 1024 * 1024;

const REGISTRY = /^(br|ts)[:/]/i;
const ARM_TEMPLATE = /\.jsonc?$/i;

/** What a module deploys: a Bicep file, or an ARM JSON template. */
export type ModuleFile = FileScope | ArmModuleFile;

/**
 * Reads the other files a Bicep build reaches — modules (Bicep or ARM JSON), the files
 * `import` names, the files `load*Content` inlines — through the host, within one
 * budget per build; one per build.
 */
export class ModuleLoader {
  private files = 0;
  private chars = 0;
  private readonly jsonValues = new Map<string, Value>();
  /** The bicepconfig.json in force for each folder, looked up once per build. */
  private readonly configs = new Map<string, BicepConfig>();
  /** Registry modules read in this build. */
  private readonly cacheTexts = new Map<string, string | { why?: string }>();

  constructor(private readonly ws: () => Workspace) {}

  load(from: FileScope, decl: ModuleDeclaration, m: ModuleInstance): ModuleFile | undefined {
    const ws = this.ws();
    const at: NodeRef = { uri: from.uri, range: nodeRange(from.doc.file, decl.path) };
    const path = decl.path.kind === 'string' ? stringValue(decl.path) : undefined;
    if (path === undefined) {
      ws.notes.add(`the path of module '${decl.name.name}' could not be read`, at);
      return undefined;
    }
    if (REGISTRY.test(path)) return this.loadRegistry(from, decl, m, path, at);
    const arm = ARM_TEMPLATE.test(path);
    if (!arm && !/\.bicep$/i.test(path)) {
      ws.notes.add(`the module ${path} is neither a Bicep file nor an ARM template and is not analysed`, at);
      return undefined;
    }
    const file = this.read(from, path, 'module');
    if (isUnknown(file)) {
      ws.notes.add(file.reason, at);
      return undefined;
    }
    addDeployer(ws.sources, file.uri, { uri: from.uri, range: nodeRange(from.doc.file, decl.name), path: [decl.name.name] });
    const condition = m.condition === false ? true : m.condition;
    // Parsed again for each instance that deploys it: a loop of modules pays for every parse.
    if (!ws.budget.spend(parseWork(file.text))) return undefined;
    if (arm) {
      const doc = parsedTemplate(file.uri, file.text);
      if (!doc.isTemplate || doc.root?.type !== 'object') {
        ws.notes.add(`the module ${path} is not an ARM deployment template`, at);
        return undefined;
      }
      const target = moduleTarget(from, doc.deploymentScope, getProp(m.body, 'scope'));
      return new ArmModuleFile(ws, doc, doc.root, from.moduleParams(m), target, m.decl.value.kind !== 'for', condition);
    }
    const doc = parsedBicep(file.uri, file.text);
    const target = moduleTarget(from, targetScopeOf(doc.file.declarations), getProp(m.body, 'scope'));
    return new FileScope(ws, doc, from.moduleParams(m), target, condition, [...from.chain, file.uri.toLowerCase()]);
  }

  /**
   * A registry module (`br:`, `br/public:`, `ts:`…): the compiled template Bicep restored
   * into its cache, analysed as an ARM module with the caller's arguments. It is never
   * downloaded; one that is not in the cache gets a note saying how to put it there.
   * Its file is not the user's: what it declares is reported on the caller's text.
   */
  private loadRegistry(from: FileScope, decl: ModuleDeclaration, m: ModuleInstance, path: string, at: NodeRef): ModuleFile | undefined {
    const ws = this.ws();
    const config = bicepConfigFor(from.uri, ws.host, this.configs);
    if (config.problem) ws.notes.add(`${config.problem}: its module aliases and cache folder are not used`, at);
    const ref = parseModuleReference(path, config);
    if (typeof ref === 'string') {
      ws.notes.add(`the registry module ${path} is not analysed: ${ref}`, at);
      return undefined;
    }
    const root = cacheRoot(config, ws.homeDirectory);
    if (root === undefined) {
      ws.notes.add(`the registry module ${path} is not analysed: the folder of Bicep's module cache is not known`, at);
      return undefined;
    }
    const uri = cacheFileUri(root, ref);
    if (this.files >= MAX_MODULE_FILES || this.chars >= MAX_MODULE_CHARS) {
      ws.notes.add('the template reaches more module files than the analyser reads', at);
      return undefined;
    }
    // A registry module deployed several times in one build is read once.
    let text = this.cacheTexts.get(uri);
    if (text === undefined) {
      text = readCacheText(ws.host, root, uri);
      this.cacheTexts.set(uri, text);
    }
    if (typeof text !== 'string') {
      ws.notes.add(
        text.why
          ? `the registry module ${path} could not be read from Bicep's cache: ${text.why}`
          : `the registry module ${path} is not in Bicep's module cache (${root}); \`bicep restore\` would put it there and let it be checked`,
        at,
      );
      return undefined;
    }
    if (!ws.externalFiles.includes(uri)) {
      this.files++;
      this.chars += text.length;
      ws.externalFiles.push(uri);
    }
    const declaredAt: NodeRef = { uri: from.uri, range: nodeRange(from.doc.file, decl.name.missing ? decl.keyword : decl.name) };
    addDeployer(ws.sources, uri, { ...declaredAt, path: [decl.name.name] });
    if (!ws.budget.spend(parseWork(text))) return undefined;
    const doc = parsedTemplate(uri, text);
    const template = templateOf(doc);
    if (!template) {
      ws.notes.add(`the registry module ${path} in Bicep's cache is not an ARM deployment template`, at);
      return undefined;
    }
    const level = doc.isTemplate ? doc.deploymentScope : classifySchema(propertyValue(template, '$schema')?.value).scope;
    const target = moduleTarget(from, level, getProp(m.body, 'scope'));
    const condition = m.condition === false ? true : m.condition;
    return new ArmModuleFile(ws, doc, template, from.moduleParams(m), target, m.decl.value.kind !== 'for', condition, callerLink(ws, uri, declaredAt, m));
  }

  /**
   * The file an `import … from './x.bicep'` names, as a scope of its own (no parameters:
   * what it exports is compile-time). Where it is deployed is the importer's: Bicep
   * copies imported variables and functions into the importing template.
   */
  loadImport(from: FileScope, path: string, at: NodeRef): FileScope | Unknown {
    const ws = this.ws();
    const fail = (reason: string): Unknown => {
      ws.notes.add(reason, at);
      return unknown(reason);
    };
    if (REGISTRY.test(path)) return fail(`imports from the registry (${path}) are not analysed`);
    if (ARM_TEMPLATE.test(path)) return fail(`imports from the ARM template ${path} are not analysed`);
    if (!/\.bicep$/i.test(path)) return fail(`the import ${path} is not a Bicep file and is not analysed`);
    const file = this.read(from, path, 'import');
    if (isUnknown(file)) return fail(file.reason);
    const doc = parsedBicep(file.uri, file.text);
    return new FileScope(ws, doc, NO_PARAMS, { ...from.target }, true, [...from.chain, file.uri.toLowerCase()]);
  }

  /** A file `load*Content` names; UNKNOWN with the reason when it cannot be read. */
  loadContent(from: FileScope, path: string): LoadedFile | Unknown {
    if (path.includes('\\')) return unknown(`the path ${path} uses '\\'; Bicep paths use '/'`);
    return this.read(from, path, 'file');
  }

  /**
   * A loaded file read as JSON, once per build: each object and array is recorded with
   * its place in the file. Every call shares the value, as the evaluator shares a
   * variable's value between the places that read it.
   */
  jsonOf(file: LoadedFile): Value {
    const had = this.jsonValues.get(file.uri);
    if (had !== undefined) return had;
    let value: Value;
    // The same bound as for YAML, before anything recurses into it (see nesting.ts).
    if (nestsDeeperThan(file.text, 'json')) {
      value = unknown(TOO_DEEP);
    } else {
      // The byte order mark is not part of the JSON; a space keeps the offsets.
      const doc = parseArmDocument(file.uri, file.text.replace(/^\uFEFF/, ' '));
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        value = unknown(`it is not valid JSON (${e.message} at line ${e.range.start.line + 1})`);
      } else if (!doc.root) {
        value = unknown('it is empty');
      } else {
        const ws = this.ws();
        const converter = new Converter(ws.origins.json, ws.notes, ws.budget);
        value = converter.value(doc.root, { doc, scope: inertScope, literal: false, evaluates: false }, { propertyCopy: false, record: true });
      }
    }
    this.jsonValues.set(file.uri, value);
    return value;
  }

  /** Reads a file named relative to `from`, guarding against cycles and runaway trees; the file joins the model's files. */
  private read(from: FileScope, path: string, what: 'module' | 'import' | 'file'): LoadedFile | Unknown {
    const ws = this.ws();
    const named = what === 'file' ? `the file ${path}` : `the ${what} ${path}`;
    let uri: string;
    try {
      uri = new URL(path, from.uri).toString();
    } catch {
      return unknown(`${named} could not be located`);
    }
    if (what !== 'file') {
      if (from.chain.includes(uri.toLowerCase())) {
        return unknown(
          what === 'module'
            ? `the module ${path} deploys a file that is already being analysed (a cycle)`
            : `the import ${path} names a file that is already being analysed (a cycle)`,
        );
      }
      if (from.chain.length > MAX_MODULE_DEPTH) return unknown(what === 'module' ? 'modules go deeper than the analyser follows' : 'imports go deeper than the analyser follows');
    }
    if (this.files >= MAX_MODULE_FILES || this.chars >= MAX_MODULE_CHARS) {
      return unknown(`the template reaches more ${what === 'module' ? 'module files' : 'files'} than the analyser reads`);
    }
    const text = readTextOrWhy(ws.host, uri);
    if (typeof text !== 'string') {
      const reason = `${named} could not be read${text.why ? `: ${text.why}` : ''}`;
      // A file refused (outside the workspace, a device…) is said once whether or not a rule needed its text; modules and imports are noted where they are declared.
      if (what === 'file' && text.why) ws.notes.add(reason);
      return unknown(reason);
    }
    this.files++;
    this.chars += text.length;
    if (!ws.uris.includes(uri)) ws.uris.push(uri);
    return { uri, text };
  }
}

/** The host's text, or why not (a host that records refusals, like the disk host, says why). */

/** Where a module deploys: its `scope:` when given (a resource group, a subscription), else where its caller does; the file's own level (Bicep `targetScope`, ARM `$schema`) sets the level. */
function moduleTarget(from: FileScope, level: DeploymentTarget['level'] | undefined, scope: Value | undefined): Partial<DeploymentTarget> {
  const target: Partial<DeploymentTarget> = { ...from.target };
  if (level) target.level = level;
  if (scope !== undefined && !isUnknown(scope)) {
    const prefix = scopePrefix(scope);
    if (typeof prefix === 'string') {
      const rg = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i.exec(prefix);
      const sub = /^\/subscriptions\/([^/]+)$/i.exec(prefix);
      if (rg) Object.assign(target, { level: 'resourceGroup', subscriptionId: rg[1], resourceGroupName: rg[2] });
      else if (sub) Object.assign(target, { level: 'subscription', subscriptionId: sub[1] });
    }
  }
  return target;
}

/** `targetScope = 'subscription'` and friends. */
export function targetScopeOf(declarations: FileScope['doc']['file']['declarations']): DeploymentTarget['level'] | undefined {
  for (const d of declarations) {
    if (d.kind !== 'targetScope' || d.value.kind !== 'string') continue;
    const v = stringValue(d.value);
    if (v === 'resourceGroup' || v === 'subscription' || v === 'managementGroup' || v === 'tenant') return v;
  }
  return undefined;
}

/** The template of a file from Bicep's cache: the document itself, or a template spec version's `properties.mainTemplate`. */
function templateOf(doc: ArmDocument): import('jsonc-parser').Node | undefined {
  if (doc.root?.type !== 'object') return undefined;
  if (doc.isTemplate) return doc.root;
  const main = propertyValue(propertyValue(doc.root, 'properties'), 'mainTemplate');
  return main?.type === 'object' && classifySchema(propertyValue(main, '$schema')?.value).kind === 'template' ? main : undefined;
}

/** How a registry module deployed by `m` reports: on the caller's values, its arguments, else the declaration (see callerLink.ts). */
function callerLink(ws: Workspace, uri: string, declaredAt: NodeRef, m: ModuleInstance): CallerLink {
  const origins = ws.origins;
  const located = (v: object) => origins.locate(v) !== undefined || origins.json.locate(v) !== undefined;
  const params = getProp(m.body, 'params');
  return {
    uri,
    declaredAt,
    refOf(value, how) {
      if (!located(value)) return undefined;
      if (how === 'literal') return origins.literalRef(value);
      return how === 'element' ? origins.elementRef(value, declaredAt) : origins.valueRef(value, declaredAt);
    },
    propRefOf(holder, key, how) {
      if (!located(holder)) return undefined;
      return how === 'key' ? origins.keyRef(holder, key) : origins.propRefIfPresent(holder, key);
    },
    argumentRef(name, how) {
      if (!isObject(params)) return undefined;
      return how === 'key' ? origins.keyRef(params, name) : origins.propRefIfPresent(params, name);
    },
  };
}

/** Bicep modules and imported files by content: a module unchanged since the last analysis (every keystroke in its caller) is not parsed again (held: never moved by a later version's parse). */
const bicepFiles = new ParsedCache(parseBicepDocumentHeld);

function parsedBicep(uri: string, text: string): ReturnType<typeof parseBicepDocumentHeld> {
  return bicepFiles.get(uri, text);
}
