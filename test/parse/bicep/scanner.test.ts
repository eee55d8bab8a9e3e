import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scanner, type TriviaSink } from '../../../server/src/parse/bicep/scanner';
import { Tok } from '../../../server/src/parse/bicep/tokens';
import { parseBicep } from '../../../server/src/parse/bicep';

function scan(text: string): { tokens: [number, string][]; sink: TriviaSink } {
  const sink: TriviaSink = { comments: [], pragmas: [], diagnostics: [] };
  const s = new Scanner(text, sink);
  const tokens: [number, string][] = [];
  for (let kind = s.next(); kind !== Tok.EOF; kind = s.next()) tokens.push([kind, text.slice(s.tokenStart, s.tokenEnd)]);
  return { tokens, sink };
}

function kinds(text: string): number[] {
  return scan(text).tokens.map(([k]) => k);
}

/** The cooked value of the only string token in `text`. */
function stringValue(text: string): { value: string; diagnostics: number } {
  const sink: TriviaSink = { comments: [], pragmas: [], diagnostics: [] };
  const s = new Scanner(text, sink);
  s.next();
  return { value: s.value, diagnostics: sink.diagnostics.length };
}

test('operators take the longest match', () => {
  assert.deepEqual(kinds('a.?b ?? c :: d ... => == != =~ !~ <= >= && || | ^ ! = < > : ? .'), [
    Tok.Identifier, Tok.Dot, Tok.Question, Tok.Identifier, Tok.DoubleQuestion, Tok.Identifier, Tok.DoubleColon,
    Tok.Identifier, Tok.Ellipsis, Tok.Arrow, Tok.Equals, Tok.NotEquals, Tok.EqualsInsensitive,
    Tok.NotEqualsInsensitive, Tok.LessOrEqual, Tok.GreaterOrEqual, Tok.And, Tok.Or, Tok.Pipe, Tok.Hat,
    Tok.Exclamation, Tok.Assign, Tok.Less, Tok.Greater, Tok.Colon, Tok.Question, Tok.Dot,
  ]);
});

test('identifiers are ASCII letters, digits and underscores; integers are digits', () => {
  assert.deepEqual(scan('_a1 B2c 42 7x').tokens, [
    [Tok.Identifier, '_a1'],
    [Tok.Identifier, 'B2c'],
    [Tok.Integer, '42'],
    [Tok.Integer, '7'],
    [Tok.Identifier, 'x'],
  ]);
});

test('string escapes are cooked', () => {
  assert.deepEqual(stringValue(String.raw`'a\'b\\c\n\t\r\$\u{41}\u{1F310}'`), {
    value: "a'b\\c\n\t\r$A\u{1F310}",
    diagnostics: 0,
  });
});

test('an unknown escape or a bad code point is reported and kept as written', () => {
  assert.deepEqual(stringValue(String.raw`'a\qb'`), { value: String.raw`a\qb`, diagnostics: 1 });
  assert.deepEqual(stringValue(String.raw`'\u{110000}'`), { value: String.raw`\u{110000}`, diagnostics: 1 });
  assert.deepEqual(stringValue(String.raw`'\u41'`), { value: String.raw`\u41`, diagnostics: 1 });
});

test('a string ends at the line break when its quote is missing', () => {
  const { tokens, sink } = scan("'abc\nx");
  assert.deepEqual(tokens, [
    [Tok.String, "'abc"],
    [Tok.Identifier, 'x'],
  ]);
  assert.equal(sink.diagnostics.length, 1);
  assert.match(sink.diagnostics[0].message, /Unterminated string/);
});

test('multi-line strings are verbatim, drop the first line break and keep extra closing quotes', () => {
  assert.deepEqual(stringValue("'''\nline 1\n  ${not} \\n\n'''"), { value: 'line 1\n  ${not} \\n\n', diagnostics: 0 });
  assert.deepEqual(stringValue("'''\r\nx'''"), { value: 'x', diagnostics: 0 });
  assert.deepEqual(stringValue("''''abc''''"), { value: "'abc'", diagnostics: 0 });
  assert.deepEqual(stringValue("'''hello!'''"), { value: 'hello!', diagnostics: 0 });
  assert.deepEqual(stringValue("'''open"), { value: 'open', diagnostics: 1 });
  assert.deepEqual(kinds("'' x"), [Tok.String, Tok.Identifier]);
});

test('comments are trivia recorded in order', () => {
  const text = 'a // one\n/* two\n three */ b /* four */';
  const { tokens, sink } = scan(text);
  assert.deepEqual(
    tokens.map(([, t]) => t),
    ['a', 'b'],
  );
  assert.deepEqual(
    sink.comments.map((c) => [c.kind, text.slice(c.start, c.end)]),
    [
      ['lineComment', '// one'],
      ['blockComment', '/* two\n three */'],
      ['blockComment', '/* four */'],
    ],
  );
});

test('an unterminated block comment runs to the end and is reported', () => {
  const { tokens, sink } = scan('a /* b');
  assert.equal(tokens.length, 1);
  assert.equal(sink.comments[0].end, 6);
  assert.equal(sink.diagnostics.length, 1);
});

test('pragmas at the start of a line keep their codes with ranges', () => {
  const text = 'param a string\n  #disable-next-line ASE102 BCP081 // why\nparam b string\n#disable-diagnostics use-recent-api-versions\n#restore-diagnostics use-recent-api-versions\n';
  const file = parseBicep(text);
  assert.deepEqual(file.diagnostics, []);
  assert.deepEqual(
    file.pragmas.map((p) => [p.directive, p.codes.map((c) => c.code), text.slice(p.start, p.end)]),
    [
      ['disable-next-line', ['ASE102', 'BCP081'], '#disable-next-line ASE102 BCP081'],
      ['disable-diagnostics', ['use-recent-api-versions'], '#disable-diagnostics use-recent-api-versions'],
      ['restore-diagnostics', ['use-recent-api-versions'], '#restore-diagnostics use-recent-api-versions'],
    ],
  );
  const code = file.pragmas[0].codes[1];
  assert.equal(text.slice(code.start, code.end), 'BCP081');
  assert.deepEqual(
    file.comments.map((c) => text.slice(c.start, c.end)),
    ['// why'],
  );
  assert.deepEqual(
    file.declarations.map((d) => d.kind),
    ['param', 'param'],
  );
});

test('a pragma needs a code, and # elsewhere is not a pragma', () => {
  const missing = parseBicep('#disable-next-line\nparam a string\n');
  assert.equal(missing.pragmas.length, 1);
  assert.match(missing.diagnostics[0].message, /needs at least one diagnostic code/);
  const inline = parseBicep('param a string #disable-next-line X\n');
  assert.equal(inline.pragmas.length, 0);
  assert.ok(inline.diagnostics.length > 0);
  const unknown = parseBicep('#disable-everything X\nparam a string\n');
  assert.equal(unknown.pragmas.length, 0);
  assert.deepEqual(
    unknown.declarations.map((d) => d.kind),
    ['errorDeclaration', 'param'],
  );
});

test('an unknown character is one token, a surrogate pair stays whole', () => {
  assert.deepEqual(scan('a \u{1F600} \uD800 \0 "').tokens, [
    [Tok.Identifier, 'a'],
    [Tok.Unknown, '\u{1F600}'],
    [Tok.Unknown, '\uD800'],
    [Tok.Unknown, '\0'],
    [Tok.Unknown, '"'],
  ]);
});

test('newlineBefore marks the first token of each line, whatever the line ending', () => {
  const sink: TriviaSink = { comments: [], pragmas: [], diagnostics: [] };
  const s = new Scanner('a b\r\nc\rd\n\n  e // x\nf', sink);
  const seen: [string, boolean, number][] = [];
  for (let kind = s.next(); kind !== Tok.EOF; kind = s.next()) seen.push([s.value, s.newlineBefore, s.column()]);
  assert.deepEqual(seen, [
    ['a', true, 0],
    ['b', false, 2],
    ['c', true, 0],
    ['d', true, 0],
    ['e', true, 2],
    ['f', true, 0],
  ]);
});
