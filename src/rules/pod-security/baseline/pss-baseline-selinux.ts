import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import type { ValueMap, ValuePath } from '../../../core/provenance.js';
import { getMap } from '../../../core/resource.js';
import { containerScPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

function allowedTypes(minor: number): Set<string> {
  const types = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
  if (minor >= 31) types.push('container_engine_t');
  return new Set(types);
}

/** Problems of one seLinuxOptions block, each with the field it concerns. */
function problems(opts: ValueMap, minor: number): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const type = opts.type === undefined || opts.type === null ? '' : String(opts.type);
  if (!allowedTypes(minor).has(type)) out.push({ field: 'type', text: `type "${type}"` });
  for (const field of ['user', 'role']) {
    const v = opts[field];
    if (v !== undefined && v !== null && v !== '') out.push({ field, text: `${field} "${String(v)}"` });
  }
  return out;
}

export const rule = defineRule({
  id: 'pss-baseline-selinux',
  ...pssParts({
    level: 'baseline',
    control: 'SELinux',
    title: 'No custom SELinux user, role or type',
    rationale:
      'A custom SELinux type, user or role can lift the container out of the confinement the runtime gives it; only the container types are allowed.',
    remediation: [
      'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and use one of the container types (container_t, container_init_t, container_kvm_t, container_engine_t from 1.31) or none.',
      '',
      yamlBlock(['securityContext:', '  seLinuxOptions:', '    level: "s0:c123,c456"']),
    ].join('\n'),
    evaluate(s) {
      const judge = (opts: ValueMap | undefined, base: ValuePath, report: (path: ValuePath, what: string) => void) => {
        if (!opts) return;
        const found = problems(opts, s.minor);
        if (found.length === 0) return;
        report([...base, found[0]!.field], found.map((p) => p.text).join(', '));
      };
      judge(getMap(s.t.spec, ['securityContext', 'seLinuxOptions']), podScPath(s.t, 'seLinuxOptions'), (path, what) =>
        s.pod(path, `${podNoun(s.t)} sets forbidden seLinuxOptions: ${what}.`),
      );
      for (const c of s.containers) {
        judge(getMap(c.container, ['securityContext', 'seLinuxOptions']), containerScPath(c, 'seLinuxOptions'), (path, what) =>
          s.container(c, path, `sets forbidden seLinuxOptions: ${what}.`),
        );
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'A custom SELinux type (`spc_t` is unconfined).',
        yaml: pod({ container: { securityContext: { seLinuxOptions: { type: 'spc_t' } } } }),
        message: 'type "spc_t"',
      },
      {
        description: 'A custom SELinux user and role for the whole pod.',
        yaml: pod({ pod: { securityContext: { seLinuxOptions: { user: 'system_u', role: 'system_r' } } } }),
        message: 'user "system_u", role "system_r"',
      },
    ],
    good: [
      {
        description: 'A container SELinux type the standard allows.',
        yaml: pod({ container: { securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' } } } }),
      },
      { description: 'Only an MCS level, shared by every container of the pod.', yaml: pod({ pod: { securityContext: { seLinuxOptions: { level: 's0:c123,c456' } } } }) },
    ],
  },
});
