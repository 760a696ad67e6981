import type { Rule } from '../../engine/types.js';
import { configMapNotFound } from './configmap-not-found.js';
import { hpaTargetMissing } from './hpa-target-missing.js';
import { ingressBackendMissing } from './ingress-backend-missing.js';
import { monitorSelectsNothing } from './monitor-selects-nothing.js';
import { pvcNotFound } from './pvc-not-found.js';
import { secretNotFound } from './secret-not-found.js';
import { selectorSelectsNothing } from './selector-selects-nothing.js';
import { serviceAccountNotFound } from './service-account-not-found.js';
import { serviceSelectsNothing } from './service-selects-nothing.js';
import { serviceTargetPort } from './service-target-port.js';
import { statefulSetServiceMissing } from './statefulset-service-missing.js';

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
