/** Running a reach query over estates: select targets by labels, explain each. */
import { UserError } from '../../core/errors.js';
import type { Estate } from '../../engine/estate.js';
import { NetworkGraph, type NetworkOptions } from './graph.js';
import { explainReach, type TargetReach } from './reach.js';

/** `app=qdrant,tier=db` → {app: 'qdrant', tier: 'db'}. */
export function parseLabelQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new UserError(`--to expects label=value pairs separated by commas, got "${text}"`, { hint: 'e.g. --to app=qdrant' });
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).replace(/^=/, '').trim();
  }
  if (Object.keys(out).length === 0) throw new UserError('--to needs at least one label=value pair', { hint: 'e.g. --to app=qdrant' });
  return out;
}

export function reachQuery(estates: Estate[], selector: Record<string, string>, options: NetworkOptions & { namespace?: string } = {}): TargetReach[] {
  const out: TargetReach[] = [];
  for (const estate of estates) {
    const graph = new NetworkGraph(estate, options);
    for (const w of graph.find(selector, options.namespace)) out.push(explainReach(graph, w));
  }
  return out;
}
