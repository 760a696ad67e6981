import type { Rule } from '../../engine/types.js';
import { rule as noLatestTag } from './no-latest-tag.js';
import { rule as digestPinning } from './digest-pinning.js';
import { rule as pullPolicyAlways } from './pull-policy-always.js';
import { rule as allowedRegistries } from './allowed-registries.js';

/** Rules of the `images` concern. */
export const rules: Rule[] = [noLatestTag, digestPinning, pullPolicyAlways, allowedRegistries];
