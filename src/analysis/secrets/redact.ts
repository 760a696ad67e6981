/**
 * Redaction: findings say where a secret is and what kind it is, never what it is.
 *
 * `redactSecrets` is the last line of defence: it masks every span the detectors recognise and
 * every value registered as known-secret (the values of the estate's Secrets and of every
 * detected secret), whatever rule produced the text. The registry belongs to one run
 * (`SecretRedactor`): runs in one process never see each other's secrets.
 */
import { detectSecrets } from './detectors.js';

/** What replaces a secret in any output. */
export const SECRET_MASK = '[REDACTED]';

/** A short, non-reversible description of a secret: its kind and length. */
export function secretHint(value: string, description: string): string {
  return `${description}, ${[...value].length} characters`;
}

/** Values shorter than this are not masked by exact match (they would mask ordinary words). */
const MIN_KNOWN_LENGTH = 6;

/** Secret values seen while judging estates, for masking exact occurrences in any output. */
export class KnownSecrets {
  private readonly values = new Set<string>();

  add(value: string): void {
    const v = value.trim();
    if (v.length >= MIN_KNOWN_LENGTH) this.values.add(v);
    // Multi-line values (keys, certificates-with-keys) are also masked line by line.
    if (v.includes('\n')) for (const line of v.split('\n')) if (line.trim().length >= 16) this.values.add(line.trim());
  }

  has(value: string): boolean {
    return this.values.has(value.trim());
  }

  get size(): number {
    return this.values.size;
  }

  clear(): void {
    this.values.clear();
  }

  /** Longest first, so a value containing another is masked whole. */
  list(): string[] {
    return [...this.values].sort((a, b) => b.length - a.length);
  }
}

/**
 * A known value that is short or reads like a word (`postgres`, `admin123`) is also an image, a
 * container or a role name somewhere: it is masked only where it stands as a value — after `=`
 * or `: ` — never as or inside a name. Longer, mixed values are masked wherever they occur.
 */
function isWordLike(v: string): boolean {
  return v.length < 16 && /^[A-Za-z][A-Za-z_-]*[0-9]*$/.test(v);
}

function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Mask every detected or known secret in a text. */
export function redactSecrets(text: string, known: KnownSecrets = new KnownSecrets()): string {
  let out = text;
  for (const v of known.list()) {
    if (!out.includes(v)) continue;
    if (!isWordLike(v)) {
      out = out.split(v).join(SECRET_MASK);
      continue;
    }
    // Bounded by a value position on the left and the end of a token on the right.
    const re = new RegExp(`(=["']?|: ["']?)${escapeForRegExp(v)}(?=$|["'\\s,;)\\]])`, 'g');
    out = out.replace(re, (_m, lead: string) => `${lead}${SECRET_MASK}`);
  }
  const matches = detectSecrets(out);
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i]!;
    out = out.slice(0, m.start) + SECRET_MASK + out.slice(m.end);
  }
  return out;
}

/** Redact every string inside a JSON-like value (for structured reports). */
export function redactDeep<T>(value: T, known: KnownSecrets = new KnownSecrets()): T {
  if (typeof value === 'string') return redactSecrets(value, known) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, known)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, known);
    return out as T;
  }
  return value;
}
