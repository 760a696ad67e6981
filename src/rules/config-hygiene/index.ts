import type { Rule } from '../../engine/types.js';
import { devSettings } from './dev-settings-in-production.js';
import { dsnWithoutTls } from './dsn-without-tls.js';
import { ingressTls } from './ingress-tls.js';
import { nodePortService } from './nodeport-service.js';

/** Rules of the `config-hygiene` concern. */
export const rules: Rule[] = [devSettings, nodePortService, ingressTls, dsnWithoutTls];
