import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResult, resultToJSON } from '../../src/cni/result/index.ts';
import { emptyAddResult } from '../../src/multus/empty-result.ts';
import { throwsCni } from './helpers.ts';

const NS = '/var/run/netns/x';

test('1.0.0 and 1.1.0: the 4.2.4 shape (S83, V6)', () => {
  for (const v of ['1.0.0', '1.1.0']) {
    assert.equal(JSON.stringify(resultToJSON(emptyAddResult(v, 'eth0', NS))),
      `{"cniVersion":"${v}","interfaces":[{"name":"eth0","sandbox":"${NS}"}],"ips":[{"address":"0.0.0.0/0","gateway":"0.0.0.0"}]}`);
  }
});

test('0.3.0, 0.3.1, 0.4.0: correctly typed, with "version":"4" (deviation: 4.2.4 mislabels a 1.x object)', () => {
  for (const v of ['0.3.0', '0.3.1', '0.4.0']) {
    assert.equal(JSON.stringify(resultToJSON(emptyAddResult(v, 'eth0', NS))),
      `{"cniVersion":"${v}","interfaces":[{"name":"eth0","sandbox":"${NS}"}],"ips":[{"version":"4","address":"0.0.0.0/0","gateway":"0.0.0.0"}],"dns":{}}`);
  }
});

test('0.1.0, 0.2.0 and "": the legacy ip4 form', () => {
  for (const [v, label] of [['0.1.0', '0.1.0'], ['0.2.0', '0.2.0'], ['', '0.1.0']]) {
    assert.equal(JSON.stringify(resultToJSON(emptyAddResult(v, 'eth0', NS))),
      `{"cniVersion":"${label}","ip4":{"ip":"0.0.0.0/0","gateway":"0.0.0.0"},"dns":{}}`);
  }
});

test('every version\'s result is what libcni parses back unchanged; unknown versions fail', () => {
  for (const v of ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0']) {
    const r = emptyAddResult(v, 'net0', NS);
    assert.deepEqual(parseResult(resultToJSON(r), v), r);
  }
  throwsCni(() => emptyAddResult('1.2.0', 'eth0', NS), 'unsupported CNI result version "1.2.0"');
});
