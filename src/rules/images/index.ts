import type { Rule } from '../../engine/types.js';
import { rule as noLatestTag } from './image-no-latest-tag.js';
import { rule as digestPinning } from './image-digest-pinning.js';
import { rule as pullPolicyAlways } from './image-pull-policy-always.js';
import { rule as allowedRegistries } from './image-allowed-registries.js';

/** Rules of the `images` concern. */
export const rules: Rule[] = [noLatestTag, digestPinning, pullPolicyAlways, allowedRegistries];
