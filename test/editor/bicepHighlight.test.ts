// The Bicep highlighting of the Markdown preview: the analyser's scanner cuts the code,
// highlight.js class names colour it with the preview's theme, other languages pass on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bicepMarkdownPlugin, highlightBicep } from '../../client/src/bicepHighlight';

const spans = (html: string) => [...html.matchAll(/<span class="([^"]+)">([^<]*)<\/span>/g)].map((m) => [m[2], m[1]]);

test('keywords, types, strings with interpolation, numbers, decorators, comments, pragmas, property names', () => {
  const html = highlightBicep(
    [
      '// The ASE subnet',
      "@description('Address range')",
      "param subnetPrefix string = '10.0.${index}.0/24'",
      "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' existing = if (deploy) {",
      '  name: toLower(nsgName)',
      '  type: 1',
      '}',
      '#disable-next-line ASE102',
      "var notes = '''",
      'not ${interpolated}',
      "'''",
    ].join('\n'),
  );
  const found = spans(html);
  const cls = (text: string) => found.find(([t]) => t === text)?.[1];
  assert.equal(cls('// The ASE subnet'), 'hljs-comment');
  assert.equal(cls('description'), 'hljs-meta');
  assert.equal(cls('param'), 'hljs-keyword');
  assert.equal(cls('string'), 'hljs-type');
  assert.equal(cls('&#39;10.0.${'), 'hljs-string');
  assert.ok(!found.some(([t]) => t === 'index'), 'the interpolated symbol is code, not string');
  assert.equal(cls('}.0/24&#39;'), 'hljs-string');
  assert.equal(cls('resource'), 'hljs-keyword');
  assert.equal(cls('existing'), 'hljs-keyword');
  assert.equal(cls('if'), 'hljs-keyword');
  assert.equal(cls('name'), 'hljs-attr');
  assert.equal(cls('type'), 'hljs-attr', 'a property called type is not the keyword');
  assert.equal(cls('toLower'), 'hljs-title function_');
  assert.equal(cls('1'), 'hljs-number');
  assert.equal(cls('#disable-next-line ASE102'), 'hljs-meta');
  assert.equal(cls('&#39;&#39;&#39;\nnot ${interpolated}\n&#39;&#39;&#39;'), 'hljs-string');
  // The text itself is kept, escaped.
  assert.equal(html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'"), [
    '// The ASE subnet',
    "@description('Address range')",
    "param subnetPrefix string = '10.0.${index}.0/24'",
    "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' existing = if (deploy) {",
    '  name: toLower(nsgName)',
    '  type: 1',
    '}',
    '#disable-next-line ASE102',
    "var notes = '''",
    'not ${interpolated}',
    "'''",
  ].join('\n'));
});

test('markup in the code is escaped', () => {
  assert.ok(!highlightBicep("var x = '<script>'").includes('<script>'));
});

test('the markdown-it plugin takes bicep and bicepparam fences and leaves the rest to the preview', () => {
  const calls: string[] = [];
  const md = bicepMarkdownPlugin({ options: { highlight: (code: string, lang: string, _attrs: string) => (calls.push(lang), `theirs:${code}`) } });
  assert.match(md.options.highlight!('param x int', 'bicep', ''), /<span class="hljs-keyword">param<\/span>/);
  assert.match(md.options.highlight!("using './main.bicep'", 'bicepparam', ''), /hljs-string/);
  assert.equal(md.options.highlight!('{"a": 1}', 'json', ''), 'theirs:{"a": 1}');
  assert.deepEqual(calls, ['json']);
});
