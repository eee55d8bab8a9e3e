/**
 * How much of a value from a template a message may quote. Templates come from
 * repositories their user did not write: a name can be megabytes long, or hold the text
 * of a file a `loadTextContent()` read. A message, a hover or a log line shows a short
 * excerpt of such a value, never the value.
 */

/** The longest value a message quotes whole; longer ones are cut to this many characters, the last being '…'. */
export const MAX_QUOTED = 64;

/** The longest note (one entry of the ASE902 list); they quote names and reasons, which are cut too. */
export const MAX_NOTE = 240;

/** The longest message a finding may carry, whatever it quotes (ASE902 lists several notes). */
export const MAX_MESSAGE = 4000;

/** `text` when it is at most `max` characters, else its first characters and '…' (`max` in all, a surrogate pair never split). */
export function excerpt(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A message as it leaves the engine. The rules and the model quote names through
 * excerpts already; this is the last guard for any other value a message quotes: a
 * quoted span ('…' or `…`, the quotes at word boundaries) longer than twice an excerpt
 * or an unbroken run of characters longer than a name can be is cut, and so is the
 * message as a whole.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED || (message.length <= MAX_MESSAGE && !hasLongRun(message))) return message;
  let out = message
    .replace(/(?<=^|[\s([])'([^'\n]{129,})'(?=$|[\s,;:.)\]])/g, (_, inner: string) => `'${excerpt(inner, MAX_QUOTED)}'`)
    .replace(/(?<=^|[\s([])`([^`\n]{129,})`(?=$|[\s,;:.)\]])/g, (_, inner: string) => `\`${excerpt(inner, MAX_QUOTED)}\``)
    .replace(/[^\s'`]{161,}/g, (run) => excerpt(run, 160));
  if (out.length > MAX_MESSAGE) out = excerpt(out, MAX_MESSAGE);
  return out;
}

/**
 * Whether a message may hold what boundMessage cuts: 129 characters or more between two
 * apostrophes (or two backticks) with no line break between them, or a run of 161
 * without white space or quotes. Most messages hold none, and one pass over them costs
 * less than the three searches. Counted generously (a run breaks only at a space, tab or
 * line break where `\s` knows more, and a quote need not stand at a word's edge), so a
 * message this passes may still be left as it is.
 */
function hasLongRun(message: string): boolean {
  let apostrophe = -1;
  let backtick = -1;
  let word = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    if (c === 39) {
      if (apostrophe >= 0 && i - apostrophe > 129) return true;
      apostrophe = i;
      word = 0;
    } else if (c === 96) {
      if (backtick >= 0 && i - backtick > 129) return true;
      backtick = i;
      word = 0;
    } else if (c === 10) {
      apostrophe = backtick = -1;
      word = 0;
    } else if (c === 32 || c === 9 || c === 13) word = 0;
    else if (++word > 160) return true;
  }
  return false;
}
