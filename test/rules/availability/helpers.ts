/** Shared helpers for estate-level rule tests: multi-file estates and finding locations. */
import { Estate, type EstateOptions } from '../../../src/engine/estate.js';
import { isMap } from '../../../src/core/provenance.js';
import { formatPath, locate, nameOf, kindOf, type Resource } from '../../../src/core/resource.js';
import type { Report } from '../../../src/engine/types.js';
import { parseYaml } from '../../../src/yaml/parse.js';

/** An estate whose objects come from several files (e.g. a base and an overlay). */
export function estateFromFiles(files: Record<string, string>, options: EstateOptions = {}): Estate {
  const resources: Resource[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const d of parseYaml(text, file, { annotationsAsText: true }).docs) {
      if (isMap(d.value)) resources.push({ body: d.value, origin: d.location });
    }
  }
  return new Estate(resources, options);
}

/** `file:line` where the engine would place the finding. */
export function where(r: Report): string {
  const loc = r.location ?? locate(r.resource, r.path);
  return `${loc.file}:${loc.line}`;
}

/** `Kind/name path` of a finding, for compact assertions. */
export function what(r: Report): string {
  return `${kindOf(r.resource)}/${nameOf(r.resource)} ${formatPath(r.path, r.resource.body)}`;
}

export function deployment(name: string, opts: { replicas?: number; labels?: string; extraSpec?: string; podSpec?: string; ns?: string } = {}): string {
  const labels = opts.labels ?? `app: ${name}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${opts.ns ? `\n  namespace: ${opts.ns}` : ''}
spec:${opts.replicas !== undefined ? `\n  replicas: ${opts.replicas}` : ''}${opts.extraSpec ? `\n${opts.extraSpec}` : ''}
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: main
          image: example/${name}:1.0.0${opts.podSpec ? `\n${opts.podSpec}` : ''}
`;
}
