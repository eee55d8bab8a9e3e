import { parameterSymbol } from '../core/symbolic';
import { isUnknown, unknown, type Value } from '../core/value';

/**
 * What a parameter's declaration says about its value, as far as a parameter nothing
 * gives a value to is concerned. Both front ends describe their declarations this way
 * (ARM: `type`, `nullable`, `allowedValues`; Bicep: the type, `type?`, `@allowed`).
 */
export interface ParameterDeclaration {
  /** The name as declared (references may spell it in another case). */
  name: string;
  /** The declared type, lower-case (`string`, `securestring`, `int`...); undefined when it is not a plain type. */
  type?: string;
  /** `"nullable": true` (ARM) or `type?` (Bicep). */
  nullable?: boolean;
  /** The allowed values, when the declaration lists them. */
  allowedValues?: Value;
  /** A string type in all but name (a Bicep union of string literals, a string type alias). */
  stringLike?: boolean;
}

/**
 * The value of a parameter to which nothing gives one (no default, no parameters file,
 * no caller):
 *
 * - a nullable parameter is `null`, as the deployment makes it;
 * - a parameter whose allowed values are a single one has that value;
 * - a string parameter of the analysed template is a symbol (`parameters('name')`): its
 *   value is known only at deployment, but every use of it is the same value, so names,
 *   ids and prefixes built from it still compare (see core/symbolic.ts);
 * - anything else is UNKNOWN.
 *
 * `symbols` says whether the parameter belongs to the template being analysed (or a
 * module analysed on its own). A module's or nested template's parameter that its caller
 * leaves without a value fails the deployment; it stays UNKNOWN, so its symbol can never
 * be mistaken for the caller's parameter of the same name.
 */
export function unboundParameter(decl: ParameterDeclaration, symbols: boolean): Value {
  if (decl.nullable) return null;
  const allowed = decl.allowedValues;
  if (Array.isArray(allowed) && allowed.length === 1 && !isUnknown(allowed[0])) return allowed[0];
  const type = decl.type?.toLowerCase();
  if (symbols && (type === 'string' || type === 'securestring' || decl.stringLike)) return parameterSymbol(decl.name);
  return unknown(`parameter '${decl.name}' has no value`);
}
