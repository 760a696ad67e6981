/**
 * Compose as an input: load a project (files, overrides, `.env`, profiles) into one merged,
 * interpolated, canonical model whose every value remembers the file and line that set it, and
 * print it as `docker compose config` does.
 */
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, selfOrigin, type ValueMap } from '../core/provenance.js';
import type { ComposeProject } from './load.js';

export { loadCompose, normaliseProjectName, findDefaultFiles, DEFAULT_FILES, DEFAULT_OVERRIDES } from './load.js';
export type { ComposeOptions, ComposeProject } from './load.js';
export { parseDotenv } from './dotenv.js';
export type { DotenvEntry } from './dotenv.js';
export { substitute, interpolateTree, TemplateError, MAX_INTERPOLATION_DEPTH } from './interpolate.js';
export type { Lookup } from './interpolate.js';
export { renderComposeYaml, renderComposeJson } from './render.js';
export { diffCompose, renderDiffText, renderDiffMarkdown, renderDiffJson } from './diff.js';
export type { ComposeDiff, DiffRow, SecretJudge } from './diff.js';
export { parseDuration, formatDuration, parseBytes } from './units.js';

export type ComposeKind = 'service' | 'network' | 'volume' | 'secret' | 'config';

export interface ComposeEntity {
  kind: ComposeKind;
  name: string;
  /** The entity's merged definition. */
  value: ValueMap;
  /** Where the entity is first defined (its key in the first file that names it). */
  location: Location | undefined;
}

const GROUPS: [string, ComposeKind][] = [
  ['services', 'service'],
  ['networks', 'network'],
  ['volumes', 'volume'],
  ['secrets', 'secret'],
  ['configs', 'config'],
];

/** Every service, network, volume, secret and config of a project, in model order. */
export function composeEntities(project: ComposeProject): ComposeEntity[] {
  const out: ComposeEntity[] = [];
  for (const [group, kind] of GROUPS) {
    const g = project.model[group];
    if (!isMap(g)) continue;
    for (const name of Object.keys(g)) {
      const value = g[name];
      if (!isMap(value)) continue;
      out.push({ kind, name, value, location: entryOrigin(g, name) ?? selfOrigin(value) });
    }
  }
  return out;
}
