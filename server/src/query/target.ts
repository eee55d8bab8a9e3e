import type { AnalysedDocument } from '../engine/analyze';
import type { NodePath } from '../core/nodeRef';
import { bicepTargetAt } from './bicepTarget';
import { jsonTargetAt } from './jsonTarget';

/** Where a target's text is, as UTF-16 offsets into the document: the same for ARM and Bicep. */
export interface TextSpan {
  offset: number;
  length: number;
}

/**
 * What an address field holds, judged from where it is written:
 * - `securityRule`: an NSG rule's source or destination;
 * - `route`: a route's destination prefix;
 * - `nextHop`: a route's `nextHopIpAddress`;
 * - `addressSpace`: a VNet's `addressSpace.addressPrefixes`;
 * - `clientPool`: a gateway's `vpnClientAddressPool.addressPrefixes`;
 * - `other`: any other `addressPrefix(es)` (a subnet's, most often: the model says which).
 */
export type PrefixRole = 'securityRule' | 'route' | 'nextHop' | 'addressSpace' | 'clientPool' | 'other';

/** Literal values the hover and the explain request know something about. */
export type ScalarTarget =
  | { kind: 'port'; value: string; field: string; direction?: 'Inbound' | 'Outbound' }
  | { kind: 'serviceTag'; value: string; field: string }
  | { kind: 'nextHop'; value: string }
  | { kind: 'prefix'; value: string; field: string; role: PrefixRole };

/**
 * The kinds of template text the hover and the explain request know something about,
 * with the span of the text itself. For an ASE, `path` is the resource's NodePath and
 * `resource` spans its whole declaration.
 */
export type Target = TextSpan & (ScalarTarget | { kind: 'ase'; path: NodePath; resource: TextSpan });

/** The target at `offset` in an analysed document of either language. */
export function targetAt(document: AnalysedDocument, offset: number): Target | undefined {
  if (document.language === 'bicep') return bicepTargetAt(document.file, offset);
  return document.root ? jsonTargetAt(document.root, offset) : undefined;
}
