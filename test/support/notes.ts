/** What ASE902 says of a template in full: its one-line message, then each value it could not verify (shown in its hover). */
export function noteText(f: { message: string; details?: string[] } | undefined): string {
  return f ? [f.message, ...(f.details ?? [])].join('\n') : '';
}
