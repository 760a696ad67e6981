/**
 * `helm template … | prodgate check -`: findings point at the chart template each document came
 * from (Helm's `# Source:` comment) and the line within the rendered document, in every format.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/hostile.js';

const stream = `---
# Source: web/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: "nginx"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: no-source
  annotations:
    note: written by hand after the chart
data:
  image: nginx
`;

describe('Helm output on standard input', () => {
  it('reports at the template and the line inside the rendered document', () => {
    const r = runCli(['check', '-', '--rule', 'image-no-latest-tag'], { stdin: stream });
    expect(r.status).toBe(1);
    // `image:` is line 14 of the deployment's rendered document (apiVersion is line 1).
    expect(r.stdout).toMatch(/web\/templates\/deployment\.yaml:14 /);
    expect(r.stdout).not.toMatch(/<stdin>:22/);
  });

  it('does the same in SARIF, and leaves documents without a Source comment at the stream', () => {
    const r = runCli(['check', '-', '--rule', 'image-no-latest-tag', '--rule', 'schema-unknown-field', '-f', 'sarif'], {
      stdin: stream.replace('  name: no-source\n', '  name: no-source\n  bogus: 1\n'),
    });
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const where = results.map((x) => [x.ruleId, decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri), x.locations[0]!.physicalLocation.region.startLine]);
    expect(where).toContainEqual(['image-no-latest-tag', 'web/templates/deployment.yaml', 14]);
    expect(where).toContainEqual(['schema-unknown-field', '<stdin>', 28]);
  });
});
