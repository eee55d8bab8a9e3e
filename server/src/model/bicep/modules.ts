import { stringValue, nodeRange, type ModuleDeclaration } from '../../parse/bicep';
import type { NodeRef } from '../nodeRef';
import { getProp, isUnknown, type Value } from '../value';
import type { DeploymentTarget } from '../../eval/symbolic';
import { parseBicepDocument } from './document';
import { FileScope, type ModuleInstance, type Workspace } from './fileScope';
import { scopePrefix } from './resources';

/** How deep modules may call modules, and how much text one build may read: a runaway tree stops with a note. */
export const MAX_MODULE_DEPTH = 16;
export const MAX_MODULE_FILES = 256;
export const MAX_MODULE_CHARS = 32 * 1024 * 1024;

const REGISTRY = /^(br|ts)[:/]/i;

/** Reads and bounds module files; one per build. */
export class ModuleLoader {
  private files = 0;
  private chars = 0;

  constructor(private readonly ws: () => Workspace) {}

  load(from: FileScope, decl: ModuleDeclaration, m: ModuleInstance): FileScope | undefined {
    const ws = this.ws();
    const at: NodeRef = { uri: from.uri, range: nodeRange(from.doc.file, decl.path) };
    const path = decl.path.kind === 'string' ? stringValue(decl.path) : undefined;
    if (path === undefined) {
      ws.notes.add(`the path of module '${decl.name.name}' could not be read`, at);
      return undefined;
    }
    if (REGISTRY.test(path)) {
      ws.notes.add(`the registry module ${path} is not analysed`, at);
      return undefined;
    }
    if (!/\.bicep$/i.test(path)) {
      ws.notes.add(`the module ${path} is not a Bicep file and is not analysed`, at);
      return undefined;
    }
    let uri: string;
    try {
      uri = new URL(path, from.uri).toString();
    } catch {
      ws.notes.add(`the module ${path} could not be located`, at);
      return undefined;
    }
    if (from.chain.includes(uri.toLowerCase())) {
      ws.notes.add(`the module ${path} deploys a file that is already being analysed (a cycle)`, at);
      return undefined;
    }
    if (from.chain.length > MAX_MODULE_DEPTH) {
      ws.notes.add('modules go deeper than the analyser follows', at);
      return undefined;
    }
    if (this.files >= MAX_MODULE_FILES || this.chars >= MAX_MODULE_CHARS) {
      ws.notes.add('the template reaches more module files than the analyser reads', at);
      return undefined;
    }
    let text: string | undefined;
    try {
      text = ws.host.readFile(uri);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      ws.notes.add(`the module ${path} could not be read`, at);
      return undefined;
    }
    this.files++;
    this.chars += text.length;
    if (!ws.uris.includes(uri)) ws.uris.push(uri);
    const doc = parseBicepDocument(uri, text);
    const condition = m.condition === false ? true : m.condition;
    return new FileScope(ws, doc, from.moduleParams(m), moduleTarget(from, doc.file.declarations, getProp(m.body, 'scope')), condition, [
      ...from.chain,
      uri.toLowerCase(),
    ]);
  }
}

/** Where a module deploys: its `scope:` when given (a resource group, a subscription), else where its caller does; its `targetScope` sets the level. */
function moduleTarget(from: FileScope, declarations: FileScope['doc']['file']['declarations'], scope: Value | undefined): Partial<DeploymentTarget> {
  const target: Partial<DeploymentTarget> = { ...from.target };
  const level = targetScopeOf(declarations);
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

