import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBaseline, fingerprint, readBaseline, writeBaseline } from '../../src/engine/baseline.js';
import { runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';
import { imageTagRule } from './test-rules.js';

const pod = (name: string, image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

describe('baseline', () => {
  it('fingerprints findings independently of lines and messages', () => {
    const a = runCheck({ inputs: ['-'], rules: [imageTagRule], load: { readStdin: () => pod('a', 'nginx') } }).findings[0]!;
    const moved = runCheck({
      inputs: ['-'],
      rules: [imageTagRule],
      load: { readStdin: () => `# moved down\n\n\n${pod('a', 'httpd')}` },
    }).findings[0]!;
    expect(moved.location!.line).not.toBe(a.location!.line);
    expect(moved.message).not.toBe(a.message);
    expect(fingerprint(moved)).toBe(fingerprint(a));
    const other = runCheck({ inputs: ['-'], rules: [imageTagRule], load: { readStdin: () => pod('b', 'nginx') } }).findings[0]!;
    expect(fingerprint(other)).not.toBe(fingerprint(a));
  });

  it('fails only on findings not in the baseline', () => {
    const dir = writeTree({ 'm.yaml': pod('a', 'nginx') });
    const first = runCheck({ inputs: ['m.yaml'], rules: [imageTagRule], load: { root: dir } });
    const file = path.join(dir, 'baseline.json');
    writeBaseline(file, first.findings);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toEqual(createBaseline(first.findings));
    expect(saved.findings).toEqual([
      { fingerprint: fingerprint(first.findings[0]!), rule: 'test-image-tag', object: 'Pod/a', path: 'spec.containers[name=c].image' },
    ]);

    const again = runCheck({ inputs: ['m.yaml'], rules: [imageTagRule], baseline: readBaseline(file), load: { root: dir } });
    expect(again.findings).toEqual([]);
    expect(again.baselined).toHaveLength(1);
    expect(again.passed).toBe(true);

    const dir2 = writeTree({ 'm.yaml': `${pod('a', 'nginx')}---\n${pod('b', 'nginx')}` });
    const grown = runCheck({ inputs: ['m.yaml'], rules: [imageTagRule], baseline: readBaseline(file), load: { root: dir2 } });
    expect(grown.findings.map((f) => f.object.name)).toEqual(['b']);
    expect(grown.passed).toBe(false);
  });

  it('rejects a file that is not a baseline', () => {
    const dir = writeTree({ 'b.json': '{"findings": 3}', 'c.json': '{' });
    expect(() => readBaseline(path.join(dir, 'b.json'))).toThrow(/not a prodgate baseline/);
    expect(() => readBaseline(path.join(dir, 'c.json'))).toThrow(/baseline is not valid JSON/);
  });
});
