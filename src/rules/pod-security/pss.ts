/**
 * Shared frame of the Pod Security Standards rules: one rule per control and level, evaluated
 * for the Kubernetes minor version the estate targets, over every judged pod template. Findings
 * carry `pss: {level, control}` and name the container when the field is a container's.
 */
import type { ContainerRef, Estate, PodTemplate } from '../../engine/estate.js';
import type { ValuePath } from '../../core/provenance.js';
import type { ParamSpec, ParamsOf } from '../../engine/rule.js';
import type { PssRef, RuleContext } from '../../engine/types.js';
import { allContainers, capitalize, containerScPath, describeContainer, judgedTemplates, kubeMinor } from '../shared/pod.js';
import { getPath } from '../../core/resource.js';

export const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** What a control's `evaluate` sees of one pod template; `ctx.params` is typed by the rule's parameter schemas. */
export interface PssScope<Params = Record<string, unknown>> {
  ctx: RuleContext<Params>;
  estate: Estate;
  t: PodTemplate;
  /** Kubernetes minor version being evaluated (1.x). */
  minor: number;
  /** Every container: init, regular and ephemeral, as the standard visits them. */
  containers: ContainerRef[];
  /** Report a pod-level field. */
  pod(path: ValuePath, message: string): void;
  /** Report a container-level field; the message is prefixed with the container's description. */
  container(c: ContainerRef, path: ValuePath, message: string): void;
}

export interface PssRuleDef<P extends Record<string, ParamSpec>> {
  level: PssRef['level'];
  control: string;
  title: string;
  rationale: string;
  /** Prose and YAML snippet (Markdown); a pointer to the standard is appended. */
  remediation: string;
  /** First Kubernetes minor version the control exists in. */
  since?: number;
  /** Allow-lists the standard leaves to the cluster ("or restricted to a known list"). */
  params?: P;
  evaluate(scope: PssScope<ParamsOf<P>>): void;
}

/** Everything of a Pod Security rule but its id and examples, which each rule file states. */
export function pssParts<const P extends Record<string, ParamSpec> = Record<never, ParamSpec>>(def: PssRuleDef<P>) {
  const pss: PssRef = { level: def.level, control: def.control };
  return {
    title: def.title,
    concern: 'pod-security' as const,
    severity: 'error' as const,
    rationale: def.rationale,
    remediation: `${def.remediation}\n\nSee the "${def.control}" control of the ${def.level} level in the [Pod Security Standards](${PSS_DOC}).`,
    pss: def.level,
    params: def.params,
    ...(def.level === 'restricted' ? { disabledIn: ['dev' as const] } : {}),
    check(ctx: RuleContext<ParamsOf<P>>) {
      const minor = kubeMinor(ctx.kubeVersion);
      if (def.since !== undefined && minor < def.since) return;
      for (const t of judgedTemplates(ctx.estate)) {
        def.evaluate({
          ctx,
          estate: ctx.estate,
          t,
          minor,
          containers: allContainers(ctx.estate, t),
          pod: (path, message) => ctx.report({ resource: t.workload, path, message, pss }),
          container: (c, path, message) =>
            ctx.report({
              resource: t.workload,
              path,
              container: c.name,
              message: `${capitalize(describeContainer(c))} ${message}`,
              pss,
            }),
        });
      }
    },
  };
}

/** `Pod` for a bare Pod, otherwise `Pod template` (the fields live in a workload's template). */
export function podNoun(t: PodTemplate): string {
  return t.specPath.length === 1 ? 'Pod' : 'Pod template';
}


/** Containers that unmask /proc (`securityContext.procMount` other than Default), reported. */
export function reportUnmaskedProc(s: PssScope<unknown>): void {
  for (const c of s.containers) {
    const procMount = getPath(c.container, ['securityContext', 'procMount']);
    if (procMount === undefined || procMount === null || procMount === 'Default') continue;
    s.container(c, containerScPath(c, 'procMount'), `sets securityContext.procMount to "${String(procMount)}".`);
  }
}
