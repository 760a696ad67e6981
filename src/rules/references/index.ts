import type { Rule } from '../../engine/types.js';
import { rule as configMapNotFound } from './configmap-not-found.js';
import { rule as hpaTargetMissing } from './hpa-target-missing.js';
import { rule as ingressBackendMissing } from './ingress-backend-missing.js';
import { rule as monitorSelectsNothing } from './monitor-selects-nothing.js';
import { rule as pvcNotFound } from './pvc-not-found.js';
import { rule as secretNotFound } from './secret-not-found.js';
import { rule as selectorSelectsNothing } from './selector-selects-nothing.js';
import { rule as serviceAccountNotFound } from './service-account-not-found.js';
import { rule as serviceSelectsNothing } from './service-selects-nothing.js';
import { rule as serviceTargetPort } from './service-target-port.js';
import { rule as statefulSetServiceMissing } from './statefulset-service-missing.js';

/** Rules of the `references` concern. */
export const rules: Rule[] = [
  serviceSelectsNothing,
  serviceTargetPort,
  ingressBackendMissing,
  statefulSetServiceMissing,
  selectorSelectsNothing,
  monitorSelectsNothing,
  hpaTargetMissing,
  configMapNotFound,
  secretNotFound,
  serviceAccountNotFound,
  pvcNotFound,
];
