// PLACEHOLDER until the ARM front end lands: replaced by the real implementation.
import type { Node } from 'jsonc-parser';
export interface ArmDocument {
  uri: string;
  text: string;
  root: Node | undefined;
  isTemplate: boolean;
}
export function parseArmDocument(uri: string, text: string): ArmDocument {
  return { uri, text, root: undefined, isTemplate: false };
}
