/** Every built-in rule, by concern. Each concern's index lists its rule modules. */
import type { Rule } from '../engine/types.js';
import { rules as resources } from './resources/index.js';
import { rules as health } from './health/index.js';
import { rules as images } from './images/index.js';
import { rules as podSecurity } from './pod-security/index.js';
import { rules as availability } from './availability/index.js';
import { rules as references } from './references/index.js';
import { rules as configHygiene } from './config-hygiene/index.js';
import { rules as persistence } from './persistence/index.js';
import { rules as network } from './network/index.js';
import { rules as secrets } from './secrets/index.js';
import { rules as rbac } from './rbac/index.js';
import { rules as schema } from './schema/index.js';
import { rules as deprecations } from './deprecations/index.js';
import { rules as kustomize } from './kustomize/index.js';

export const builtinRules: Rule[] = [
  ...resources,
  ...health,
  ...images,
  ...podSecurity,
  ...availability,
  ...references,
  ...configHygiene,
  ...persistence,
  ...network,
  ...secrets,
  ...rbac,
  ...schema,
  ...deprecations,
  ...kustomize,
];

export function findRule(id: string): Rule | undefined {
  return builtinRules.find((r) => r.meta.id === id);
}
