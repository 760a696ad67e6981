/**
 * The `prodgate reach` outputs: the JSON contract (docs/reach-json.md), text, and Markdown with a
 * Mermaid graph. Rendering only: the analysis is in reach.ts.
 */
import type { ValueMap } from '../../core/provenance.js';
import { protocols, type PortSet } from './ports.js';
import type { ReachSource, TargetReach } from './reach.js';

export interface ReachJsonPort {
  port: number;
  endPort?: number;
  protocol: string;
}

export interface ReachJsonSource {
  namespace: string;
  podSelector: ValueMap | null;
  external: boolean;
  ipBlock: string | null;
  namespaceSelector?: ValueMap;
  except?: string[];
}

export interface ReachJson {
  targets: Array<{
    namespace: string;
    workload: string;
    allowed: Array<{ from: ReachJsonSource; ports: ReachJsonPort[] | 'all'; via: string[] }>;
  }>;
}

export function portsJson(ports: PortSet): ReachJsonPort[] | 'all' {
  if (ports.isAll()) return 'all';
  const out: ReachJsonPort[] = [];
  for (const protocol of protocols) {
    for (const [lo, hi] of ports.intervals(protocol)) out.push(lo === hi ? { port: lo, protocol } : { port: lo, endPort: hi, protocol });
  }
  return out;
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = plain((v as Record<string, unknown>)[k]);
    return out;
  }
  return typeof v === 'bigint' ? Number(v) : v;
}

function sourceJson(s: ReachSource): ReachJsonSource {
  const out: ReachJsonSource = {
    namespace: s.namespace,
    podSelector: s.podSelector ? (plain(s.podSelector) as ValueMap) : null,
    external: s.external,
    ipBlock: s.ipBlock,
  };
  if (s.namespaceSelector) out.namespaceSelector = plain(s.namespaceSelector) as ValueMap;
  if (s.except?.length) out.except = [...s.except];
  return out;
}

export function reachJson(targets: TargetReach[]): ReachJson {
  return {
    targets: targets.map((t) => ({
      namespace: t.workload.namespace,
      workload: t.workload.ref,
      allowed: t.allowed.map((e) => ({ from: sourceJson(e.from), ports: portsJson(e.ports), via: [...e.via] })),
    })),
  };
}

export function selectorText(sel: unknown): string {
  if (sel === null || typeof sel !== 'object') return '{}';
  const m = sel as Record<string, unknown>;
  const parts: string[] = [];
  const ml = m.matchLabels;
  if (ml && typeof ml === 'object') for (const [k, v] of Object.entries(ml)) parts.push(`${k}=${String(v)}`);
  if (Array.isArray(m.matchExpressions)) {
    for (const e of m.matchExpressions as Array<Record<string, unknown>>) {
      const values = Array.isArray(e.values) ? ` (${e.values.join(',')})` : '';
      parts.push(`${String(e.key)} ${String(e.operator)}${values}`);
    }
  }
  if (!('matchLabels' in m) && !('matchExpressions' in m)) for (const [k, v] of Object.entries(m)) parts.push(`${k}=${String(v)}`);
  return parts.length ? parts.join(',') : '{}';
}

export function describeSource(s: ReachSource): string {
  if (s.external) {
    if (!s.ipBlock) return 'outside the cluster';
    return `outside the cluster (${s.ipBlock}${s.except?.length ? ` except ${s.except.join(', ')}` : ''})`;
  }
  const pods = s.podSelector ? `pods matching ${selectorText(s.podSelector)}` : 'every pod';
  if (s.namespace !== '*') return `${pods} in namespace ${s.namespace}`;
  if (s.namespaceSelector) return `${pods} in any namespace labelled ${selectorText(s.namespaceSelector)}`;
  return `${pods} in any namespace`;
}

export function reachText(targets: TargetReach[]): string {
  const lines: string[] = [];
  for (const t of targets) {
    lines.push(
      `${t.workload.namespace}/${t.workload.ref}: ${t.isolated ? `isolated for ingress by ${t.isolatedBy.join(', ')}` : 'NOT isolated: no NetworkPolicy selects it for ingress'}`,
    );
    if (t.allowed.length === 0) lines.push('  nothing can reach it');
    for (const e of t.allowed) {
      lines.push(`  <- ${describeSource(e.from)} on ${e.ports.toString()}`);
      for (const r of e.reasons) lines.push(`       because ${r}`);
    }
    for (const b of t.blocked) lines.push(`  x  ${describeSource(b.from)}: ${b.reason}`);
    for (const n of t.notes) lines.push(`  note: ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

function mermaidLabel(text: string): string {
  return text.replace(/["<>]/g, "'");
}

export function reachMarkdown(targets: TargetReach[]): string {
  const out: string[] = ['# Reachability', ''];
  for (const t of targets) {
    out.push(`## ${t.workload.namespace}/${t.workload.ref}`, '');
    out.push(t.isolated ? `Isolated for ingress by ${t.isolatedBy.map((p) => `\`${p}\``).join(', ')}.` : '**Not isolated**: no NetworkPolicy selects these pods for ingress.', '');
    out.push('```mermaid', 'flowchart LR');
    out.push(`  target["${mermaidLabel(`${t.workload.namespace}/${t.workload.ref}`)}"]`);
    t.allowed.forEach((e, i) => {
      const label = `"${mermaidLabel(describeSource(e.from))}"`;
      const node = e.from.external ? `((${label}))` : `[${label}]`;
      out.push(`  src${i}${node} -- "${mermaidLabel(e.ports.toString())}" --> target`);
    });
    t.blocked.forEach((b, i) => {
      out.push(`  blocked${i}["${mermaidLabel(describeSource(b.from))}"] -. "blocked by egress" .-> target`);
    });
    out.push('```', '');
    if (t.allowed.length === 0) out.push('Nothing can reach it.', '');
    else {
      out.push('| from | ports | opened by |', '|---|---|---|');
      for (const e of t.allowed) out.push(`| ${escapeCell(describeSource(e.from))} | ${escapeCell(e.ports.toString())} | ${escapeCell(e.reasons.join('<br>'))} |`);
      out.push('');
    }
    for (const b of t.blocked) out.push(`- blocked: ${escapeCell(describeSource(b.from))}: ${escapeCell(b.reason)}`);
    for (const n of t.notes) out.push(`- note: ${escapeCell(n)}`);
    if (t.blocked.length || t.notes.length) out.push('');
  }
  return out.join('\n');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
