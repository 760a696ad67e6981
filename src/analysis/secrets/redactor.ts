/**
 * One run's redactor: learns the secret values of every estate the run judges, and masks them
 * (and anything the detectors recognise) in every message the run writes.
 */
import type { Estate } from '../../engine/estate.js';
import type { Redactor } from '../../engine/types.js';
import { KnownSecrets, redactSecrets } from './redact.js';
import { collectKnownSecrets } from './scan.js';

export class SecretRedactor extends KnownSecrets implements Redactor {
  learn(estate: Estate): void {
    collectKnownSecrets(estate, this);
  }

  redact(text: string): string {
    return redactSecrets(text, this);
  }
}
