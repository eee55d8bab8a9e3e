// What the engine keeps between versions of a document (its parse, the lowering of its
// resources, its Bicep evaluations) is for the next keystroke in it: when the editor
// closes the document, the worker lets go of it at once, rather than holding its trees
// until other documents push them out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EngineState } from '../../server/src/lsp/worker/engineState';
import type { DocumentRef, ToWorker } from '../../server/src/lsp/worker/messages';
import { forgetReuse, reuseHeldFor } from '../../server/src/engine/analyze';
import { root } from '../support/ensureBuilt';

const fixtures = join(root, 'test', 'fixtures', 'lsp');
const folder = pathToFileURL(fixtures).href;

function ref(uri: string, version: number): DocumentRef {
  return { uri, version, generation: 1, contextKey: '', options: {}, editorRules: new Map(), workspaceFolders: [folder], readOutsideWorkspace: false };
}

test('closing a document lets go of what its analyses kept for its next version, and of nothing else', () => {
  forgetReuse();
  const state = new EngineState('test');
  const arm = `${folder}/deny-all-first.json`;
  const bicep = `${folder}/deny-all-first.bicep`;
  const texts = { [arm]: readFileSync(join(fixtures, 'deny-all-first.json'), 'utf8'), [bicep]: readFileSync(join(fixtures, 'deny-all-first.bicep'), 'utf8') };
  let id = 0;
  const send = (message: Omit<ToWorker, 'id'>) => {
    const reply = state.handle({ id: ++id, ...message } as ToWorker);
    assert.equal('error' in reply ? reply.error : undefined, undefined);
    return reply;
  };
  for (const uri of [arm, bicep]) {
    send({ sync: { set: [{ uri, version: 1, text: texts[uri] }], remove: [] }, job: { kind: 'diagnostics', doc: ref(uri, 1) } });
  }
  assert.deepEqual(reuseHeldFor(arm), ['ARM parse', 'ARM lowering']);
  assert.deepEqual(reuseHeldFor(bicep), ['Bicep parse', 'Bicep evaluations']);

  send({ sync: { set: [], remove: [arm] } });
  assert.deepEqual(reuseHeldFor(arm), [], 'the closed template keeps nothing');
  assert.deepEqual(reuseHeldFor(bicep), ['Bicep parse', 'Bicep evaluations'], 'the open one keeps its own');

  send({ sync: { set: [], remove: [bicep] } });
  assert.deepEqual(reuseHeldFor(bicep), []);
  forgetReuse();
});
