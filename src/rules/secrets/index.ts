import type { Rule } from '../../engine/types.js';
import { rule as envFileCommitted } from './env-file-committed.js';
import { rule as secretGeneratorPlaintext } from './secret-generator-plaintext.js';
import { rule as secretInAnnotation } from './secret-in-annotation.js';
import { rule as secretInConfigmap } from './secret-in-configmap.js';
import { rule as secretInEnv } from './secret-in-env.js';
import { rule as secretInManifest } from './secret-in-manifest.js';
import { rule as secretPlaintext } from './secret-plaintext.js';

/** Rules of the `secrets` concern. */
export const rules: Rule[] = [
  secretPlaintext,
  secretGeneratorPlaintext,
  secretInConfigmap,
  secretInEnv,
  secretInAnnotation,
  secretInManifest,
  envFileCommitted,
];
