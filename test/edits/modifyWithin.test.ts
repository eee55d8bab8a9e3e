// A fix's edit is computed by jsonc-parser's `modify` on the part of the template that
// holds it (edits/arm.ts, modifyWithin), not on the whole text, which `modify` would parse
// again with its slower parser. The edits must be exactly those `modify` makes on the whole
// text: checked over every object and array of the samples' and the corpus's ARM
// templates (new properties, values set and replaced, array items added), as written and
// with CRLF line ends and tabs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyEdits, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { modifyWithin } from '../../server/src/edits/arm';
import { detectFormatting } from '../../server/src/edits/format';
import { corpusDir, jsonIn, samplesDir } from '../support/jsonFiles';

/** Each object and array of the tree with its path. */
function containers(root: Node): { node: Node; path: JSONPath }[] {
  const out: { node: Node; path: JSONPath }[] = [];
  const visit = (node: Node, path: JSONPath) => {
    if (node.type === 'object') {
      out.push({ node, path });
      for (const p of node.children ?? []) if (p.children?.[1]) visit(p.children[1], [...path, String(p.children[0].value)]);
    } else if (node.type === 'array') {
      out.push({ node, path });
      (node.children ?? []).forEach((c, i) => visit(c, [...path, i]));
    }
  };
  visit(root, []);
  return out;
}

const value = { name: 'AllowAzureLoadBalancerInbound', properties: { priority: 100, access: 'Allow', ports: ['454-455'] } };

test('modify on the part that holds the change makes the edits modify makes on the whole text', () => {
  const files = [...jsonIn(samplesDir), ...jsonIn(corpusDir)];
  assert.ok(files.length >= 10, `expected templates, found ${files.length}`);
  let compared = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    for (const text of [original, original.replace(/\r?\n/g, '\r\n').replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))]) {
      const root = parseTree(text, [], { allowTrailingComma: true });
      if (!root) continue;
      const options = detectFormatting(text);
      // Every container of small files; of large ones, a sample spread over the text.
      const all = containers(root);
      const step = Math.max(1, Math.floor(all.length / 150));
      for (let i = 0; i < all.length; i += step) {
        const { node, path } = all[i];
        const changes: [JSONPath, unknown, boolean][] =
          node.type === 'object'
            ? [[[...path, 'addedByAFix'], value, true], ...(node.children?.length ? [[[...path, String(node.children[0].children?.[0]?.value)], 'replaced', false] as [JSONPath, unknown, boolean]] : [])]
            : [[[...path, -1], value, true], ...(node.children?.length ? [[[...path, 0], { replaced: true }, true] as [JSONPath, unknown, boolean]] : [])];
        for (const [at, v, format] of changes) {
          const formattingOptions = format ? options : undefined;
          let expected: string | undefined;
          try {
            expected = applyEdits(text, modify(text, at, v, { formattingOptions }));
          } catch {
            expected = undefined;
          }
          let actual: string | undefined;
          try {
            actual = applyEdits(text, modifyWithin(text, root, at, v, formattingOptions));
          } catch {
            actual = undefined;
          }
          assert.equal(actual, expected, `${file}: ${JSON.stringify(at)}`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 1000, `only ${compared} changes compared`);
});
