/**
 * Pod Security Standards per Kubernetes version, where pod-security-admission's policy changed
 * in the newest releases (measured against its own test data with scripts/pss-conformance.ts).
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/rules/pod-security/index.js';
import { runRule } from '../../helpers/rules.js';

const byId = (id: string) => rules.find((r) => r.meta.id === id)!;

const podWith = (spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
${spec}`;

describe('sysctls allowed since 1.37', () => {
  const rule = byId('pss-baseline-sysctls');
  const pod = podWith(`  securityContext:
    sysctls:
      - name: net.ipv4.tcp_notsent_lowat
        value: "16384"
      - name: net.ipv4.tcp_slow_start_after_idle
        value: "0"
`);
  it('are refused by the 1.36 standard', () => {
    expect(runRule(rule, pod, { kubeVersion: '1.36' })).toHaveLength(2);
  });
  it('are allowed by the 1.37 standard', () => {
    expect(runRule(rule, pod, { kubeVersion: '1.37' })).toEqual([]);
  });
  it('an unsafe sysctl stays refused', () => {
    expect(runRule(rule, podWith(`  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "1"\n`), { kubeVersion: '1.37' })).toHaveLength(1);
  });
});

describe('restricted volume types', () => {
  const rule = byId('pss-restricted-volume-types');
  it('allows a volume without a source (the API server defaults it to emptyDir)', () => {
    expect(runRule(rule, podWith(`  volumes:\n    - name: scratch\n`))).toEqual([]);
  });
  it('still refuses an inline nfs volume', () => {
    const got = runRule(rule, podWith(`  volumes:\n    - name: share\n      nfs:\n        server: nfs.example.com\n        path: /data\n`));
    expect(got.map((r) => r.message)).toEqual(['Pod uses the restricted volume type nfs in volume "share".']);
  });
});
