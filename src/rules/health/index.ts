import type { Rule } from '../../engine/types.js';
import { rule as livenessProbe } from './liveness-probe.js';
import { rule as readinessProbe } from './readiness-probe.js';
import { rule as startupProbe } from './startup-probe.js';
import { rule as probePortDeclared } from './probe-port-declared.js';
import { rule as probesNotIdentical } from './probes-not-identical.js';

/** Rules of the `health` concern. */
export const rules: Rule[] = [livenessProbe, readinessProbe, startupProbe, probePortDeclared, probesNotIdentical];
