/**
 * Configuration values a workload runs with: literal container env values, and the keys of
 * ConfigMaps it reads as environment (envFrom, configMapKeyRef). Collected once per estate; a
 * ConfigMap key read by several workloads appears once, on the ConfigMap (the place to edit).
 */
import type { Estate } from '../../engine/estate.js';
import { isMap, type ValuePath } from '../../core/provenance.js';
import { getList, getMap, getPath, str, type Resource } from '../../core/resource.js';
import { podRefs } from '../references/pod-refs.js';

export interface ConfigValue {
  /** The object to edit: the workload (literal env) or the ConfigMap. */
  resource: Resource;
  path: ValuePath;
  /** Variable name as the process sees it (with any envFrom prefix). */
  name: string;
  value: string;
  container?: string;
  /** Literal env of the same container, for settings that change how a value is read (PGSSLMODE). */
  siblings?: Map<string, string>;
}

const cache = new WeakMap<Estate, ConfigValue[]>();

export function envConfigValues(estate: Estate): ConfigValue[] {
  let out = cache.get(estate);
  if (out) return out;
  out = [];
  for (const t of estate.podTemplates()) {
    for (const c of estate.containers(t, ['initContainers', 'containers'])) {
      const siblings = new Map<string, string>();
      const env = getList(c.container, ['env']);
      for (const e of env) if (isMap(e) && typeof e.name === 'string' && e.value !== undefined) siblings.set(e.name, str(e.value));
      env.forEach((e, i) => {
        if (!isMap(e) || typeof e.name !== 'string' || e.value === undefined || e.value === null) return;
        out!.push({ resource: t.workload, path: [...c.path, 'env', i, 'value'], name: e.name, value: str(e.value), container: c.name, siblings });
      });
    }
  }
  const seen = new Set<string>();
  for (const ref of podRefs(estate)) {
    if (ref.kind !== 'ConfigMap' || (ref.via !== 'env' && ref.via !== 'envFrom')) continue;
    const cm = estate.get('ConfigMap', ref.template.namespace, ref.name);
    const data = cm && getMap(cm.body, ['data']);
    if (!cm || !data) continue;
    let prefix = '';
    if (ref.via === 'envFrom') prefix = str(getPath(ref.template.workload.body, [...ref.path.slice(0, -2), 'prefix']));
    const keys = ref.via === 'env' ? [ref.key ?? ''] : Object.keys(data);
    for (const key of keys) {
      if (!(key in data)) continue;
      const id = `${ref.template.namespace}|${ref.name}|${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ resource: cm, path: ['data', key], name: prefix + key, value: str(data[key]) });
    }
  }
  cache.set(estate, out);
  return out;
}
