import type { Rule } from '../../engine/types.js';
import { rule as devSettings } from './dev-settings-in-production.js';
import { rule as dsnWithoutTls } from './dsn-without-tls.js';
import { rule as ingressTls } from './ingress-tls.js';
import { rule as nodePortService } from './nodeport-service.js';

/** Rules of the `config-hygiene` concern. */
export const rules: Rule[] = [devSettings, nodePortService, ingressTls, dsnWithoutTls];
