import { describe, expect, it } from 'vitest';
import { ruleMarkdown, rulesIndexMarkdown } from '../../src/report/rule-docs.js';
import { allRules } from '../../src/index.js';
import { concerns } from '../../src/engine/types.js';

describe('rule metadata (every built-in rule)', () => {
  const rules = allRules();

  it('has unique kebab-case ids', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('has a title, a known concern, a severity, a rationale and a remediation with a YAML snippet', () => {
    for (const { meta } of rules) {
      expect(meta.title.trim(), meta.id).not.toBe('');
      expect(concerns, meta.id).toContain(meta.concern);
      expect(['error', 'warning', 'info'], meta.id).toContain(meta.severity);
      expect(meta.rationale.trim(), meta.id).not.toBe('');
      expect(meta.remediation, meta.id).toMatch(/```ya?ml\n/);
    }
  });

  it('generates a documentation page per rule and an index linking them', () => {
    const index = rulesIndexMarkdown(rules.map((r) => r.meta));
    for (const { meta } of rules) {
      const page = ruleMarkdown(meta);
      expect(page.startsWith(`# ${meta.id}\n`)).toBe(true);
      expect(page).toContain('## Why');
      expect(page).toContain('## How to fix');
      expect(index).toContain(`[\`${meta.id}\`](${meta.id}.md)`);
    }
  });
});
