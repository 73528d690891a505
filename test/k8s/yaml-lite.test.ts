// The fast kubeconfig YAML parser: whenever it answers, it answers exactly what the `yaml` package
// does (property test over generated documents and random text); it gives up on what it does not
// handle, and the loader then falls back to the full parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { parseYamlLite, UNSUPPORTED } from '../../src/k8s/yaml-lite.ts';
import { parseKubeconfigText } from '../../src/k8s/kubeconfig.ts';

function agrees(text: string): boolean {
  const lite = parseYamlLite(text);
  if (lite === UNSUPPORTED) return true;
  let full: unknown;
  try {
    full = YAML.parse(text);
  } catch {
    assert.fail(`lite answered ${JSON.stringify(lite)} where yaml throws, for ${JSON.stringify(text)}`);
  }
  assert.deepStrictEqual(lite, full, JSON.stringify(text));
  return true;
}

const KUBECTL = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=
    server: https://[fd00::1]:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    namespace: kube-system
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: LS0tLS1CRUdJTg==
    client-key-data: LS0tLS1CRUdJTg==
`;

const MULTUS = `# Kubeconfig file for Multus CNI plugin.
apiVersion: v1
kind: Config
clusters:
  - name: local
    cluster:
      server: https://10.96.0.1:443
      certificate-authority-data: "LS0tLS1CRUdJTg=="
users:
  - name: multus
    user:
      token: "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.e30.sig"
contexts:
  - name: multus-context
    context:
      cluster: local
      user: multus
current-context: multus-context
`;

test('kubectl and Multus kubeconfigs take the fast path and equal yaml.parse', () => {
  for (const text of [KUBECTL, MULTUS, KUBECTL.replaceAll('\n', '\r\n')]) {
    const lite = parseYamlLite(text);
    assert.notEqual(lite, UNSUPPORTED);
    assert.deepStrictEqual(lite, YAML.parse(text));
  }
});

test('outside the subset it gives up, and the loader still parses the text', async () => {
  const odd = [
    'a: &x {b: 1}\nc: *x\n', // anchors and flow mappings
    'token: |\n  multi\n  line\n', // block scalars
    'a: b\n  continued\n', // multi-line plain scalar
    'port: 6443\n', // numbers are left to the full parser
    '%YAML 1.2\n---\na: b\n', // directives
    'a:\tb\n', // tabs
  ];
  for (const text of odd) {
    assert.equal(parseYamlLite(text), UNSUPPORTED, JSON.stringify(text));
    assert.deepStrictEqual(await parseKubeconfigText(text), YAML.parse(text));
  }
});

test('property: generated documents, every yaml.stringify style', () => {
  const key = fc.oneof(fc.constantFrom('name', 'server', 'user', 'a-b', 'x.y', 'true', '1', 'a b', '__proto__', 'toString', 'k:'), fc.string({ maxLength: 6 }));
  const leaf = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.constant(null),
    fc.integer(),
    fc.constantFrom('https://[::1]:6443', 'a #b', 'a: b', "it's", '"q"', '- x', '', ' lead', 'trail ', '1.2.3.4', 'yes', '~', 'é\u2028', '\\', '#x', '\u{1F600}'),
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  fc.assert(
    fc.property(tree, fc.boolean(), fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'), (v, indentSeq, style) =>
      agrees(YAML.stringify(v, { indentSeq, defaultStringType: style as 'PLAIN' })),
    ),
    { numRuns: 3000 },
  );
});

test('property: random text from YAML-significant characters', () => {
  const ch = fc.constantFrom('a', 'b', ':', ' ', ' ', '-', '\n', '#', '"', "'", '{', '}', '[', ']', '\\', '1', '.', 'x', '?', '&', '|', '\t', '\r', '~', 'é');
  fc.assert(fc.property(fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), agrees), { numRuns: 20000 });
});
