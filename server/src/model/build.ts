// PLACEHOLDER until the ARM front end lands: replaced by the real implementation.
import type { ArmDocument } from '../parse/arm';
import type { Host, AnalyzeOptions } from '../engine';
import { emptyModel, type NetworkModel } from './types';
export function buildArmModel(doc: ArmDocument, _host: Host, _options: AnalyzeOptions): NetworkModel {
  return emptyModel([doc.uri]);
}
