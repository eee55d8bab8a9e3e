import { boundMessage, excerpt, MAX_NOTE } from '../core/excerpt';
import type { NodeRef } from '../core/nodeRef';
import type { Unverified } from './types';
import { isUnknown, type Value } from '../core/value';

/**
 * Collects what could not be verified, at most one note per distinct cause (the same
 * parameter without a value used in ten places is one note).
 */
/** "could not be read", with the host's reason when it gave one ("…: it is a named pipe, not a regular file"). */
export function couldNotRead(host: { whyNot?(uri: string): string | undefined }, uri: string): string {
  let why: string | undefined;
  try {
    why = host.whyNot?.(uri);
  } catch {
    why = undefined;
  }
  return why ? `could not be read: ${why}` : 'could not be read';
}

/** One call of `Notes.add`, as it was made. */
export type NoteCall = readonly [what: string, at: NodeRef | undefined, symbolic: boolean | undefined];

export class Notes {
  readonly list: Unverified[] = [];
  private readonly seen = new Set<string>();
  /**
   * While set, every call of `add` is written here too, before the check for a note said
   * already: what typing one resource said, to be said again, in the same order, when its
   * typed form is reused (see model/assemble.ts).
   */
  recording: NoteCall[] | undefined;

  constructor(private readonly defaultUri: string) {}

  /** `what` quotes names and values: it is cut to a short note (see excerpt.ts). */
  add(what: string, at?: NodeRef, symbolic?: boolean): void {
    if (this.recording) this.recording.push([what, at, symbolic]);
    if (what.length > MAX_NOTE) what = excerpt(boundMessage(what), MAX_NOTE);
    if (this.seen.has(what)) return;
    this.seen.add(what);
    const note: Unverified = { uri: at?.uri ?? this.defaultUri, what };
    if (at) note.at = at;
    if (symbolic) note.symbolic = true;
    this.list.push(note);
  }

  /** Notes the reason of an UNKNOWN value (a networking value rules will stay silent on). */
  unknown(v: Value | undefined, at?: NodeRef): void {
    if (isUnknown(v)) this.add(v.reason, at);
  }
}
