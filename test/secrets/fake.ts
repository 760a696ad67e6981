/**
 * Deterministic fake credentials in the real formats, built at run time so the repository never
 * contains a string that looks like a live credential.
 */
let state = 0x2545f491;

function next(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';
export const B64 = `${ALNUM}+/`;
export const B64URL = `${ALNUM}-_`;

export function rand(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[next() % alphabet.length];
  return out;
}

export function pemBody(lines = 8): string {
  return Array.from({ length: lines }, () => rand(64, B64)).join('\n');
}

export function pem(label: string, lines = 8): string {
  return `-----BEGIN ${label}-----\n${pemBody(lines)}\n-----END ${label}-----`;
}

export function jwt(): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: rand(12), iat: 1700000000, role: 'service' })}.${rand(43, B64URL)}`;
}
