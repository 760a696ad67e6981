/**
 * Tiny rules for engine, report and CLI tests, independent of the built-in rule set.
 */
import { getPath } from '../../src/core/resource.js';
import type { Rule } from '../../src/engine/types.js';
import { defineRule } from '../../src/engine/rule.js';

/** Every container image must carry an explicit tag. */
export const imageTagRule = defineRule({
  id: 'test-image-tag',
  title: 'Images carry a tag',
  concern: 'images',
  severity: 'error',
  rationale: 'Untagged images resolve to `latest`.',
  remediation: 'Pin a tag:\n\n```yaml\nimage: nginx:1.27.0\n```',
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      for (const c of ctx.estate.containers(t)) {
        const image = typeof c.container.image === 'string' ? c.container.image : '';
        if (!/:[^/]+$/.test(image) && !image.includes('@')) {
          ctx.report({
            resource: t.workload,
            path: [...c.path, 'image'],
            message: `container "${c.name}" image "${image}" has no tag`,
            container: c.name,
          });
        }
      }
    }
  },
});

/** Workloads run at least `minReplicas` replicas. */
export const replicasRule = defineRule({
  id: 'test-replicas',
  title: 'Enough replicas',
  concern: 'availability',
  severity: 'warning',
  rationale: 'One replica is one outage.',
  remediation: 'Raise replicas:\n\n```yaml\nspec:\n  replicas: 3\n```',
  params: { minReplicas: { type: 'number', description: 'minimum replicas', default: 2, byProfile: { dev: 1 } } },
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    const min = ctx.params.minReplicas;
    for (const r of ctx.estate.byKind('Deployment')) {
      const replicas = getPath(r.body, ['spec', 'replicas']);
      const n = typeof replicas === 'number' ? replicas : 1;
      if (n < min) {
        ctx.report({
          resource: r,
          path: ['spec', 'replicas'],
          message: `runs ${n} replica(s), fewer than ${min}`,
          severity: n === 0 ? 'error' : undefined,
        });
      }
    }
  },
});

/** Privileged containers (a Pod Security Standards control). */
export const privilegedRule = defineRule({
  id: 'test-privileged',
  title: 'No privileged containers',
  concern: 'pod-security',
  severity: 'error',
  rationale: 'Privileged containers own the node.',
  remediation: '```yaml\nsecurityContext:\n  privileged: false\n```',
  pss: 'baseline',
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      for (const c of ctx.estate.containers(t)) {
        if (getPath(c.container, ['securityContext', 'privileged']) === true) {
          ctx.report({
            resource: t.workload,
            path: [...c.path, 'securityContext', 'privileged'],
            message: `container "${c.name}" is privileged`,
            container: c.name,
            pss: { level: 'baseline', control: 'Privileged Containers' },
          });
        }
      }
    }
  },
});

/** Off in dev; reports one info finding per ConfigMap at a fixed location. */
export const infoRule = defineRule({
  id: 'test-info',
  title: 'ConfigMaps are noted',
  concern: 'config-hygiene',
  severity: 'info',
  rationale: 'For tests.',
  remediation: '```yaml\n# nothing\n```',
  disabledIn: ['dev'],
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    for (const r of ctx.estate.byKind('ConfigMap')) {
      ctx.report({ resource: r, path: ['data'], message: 'a ConfigMap', location: { file: 'elsewhere.yaml', line: 7 } });
    }
  },
});

/** Echoes the settings it sees, to test `ctx.settings`. */
export const settingsProbe: { seen: unknown[] } = { seen: [] };
export const settingsRule = defineRule({
  id: 'test-settings',
  title: 'Reads settings',
  concern: 'network',
  severity: 'info',
  rationale: 'For tests.',
  remediation: '```yaml\n# nothing\n```',
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    settingsProbe.seen.push(ctx.settings);
  },
});

export const testRules: Rule[] = [imageTagRule, replicasRule, privilegedRule, infoRule, settingsRule];
