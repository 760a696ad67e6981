/** `check` reports kustomize's deprecations as findings; it does not also echo them on stderr. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/hostile.js';

describe('check on an estate with deprecated kustomize fields', () => {
  it('reports them as findings and keeps stderr free of kustomize warnings', () => {
    const r = runCli(['check', 'examples', '--format', 'json'], { timeoutMs: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/# Warning/);
    const rules = (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).toContain('kustomize-deprecated-field');
  });
});
