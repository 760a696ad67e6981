/**
 * `.env` files: which committed ones are a problem, and what they hold. The estate does not list
 * repository files, so the caller (the loader, a pre-commit hook, a CI step running
 * `git ls-files`) passes the paths it knows are tracked.
 */
import { detectSecrets, isPlaceholder, judgePair } from './detectors.js';

/** `.env`, `.env.production`, `prod.env`… but not `.env.example`, `.env.sample`, `.env.template`, `.env.dist`. */
export function isCommittedEnvFile(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  const lower = base.toLowerCase();
  const isEnv = lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env');
  if (!isEnv) return false;
  return !/(^|[.-])(example|examples|sample|samples|template|tmpl|dist|defaults?|schema|spec)([.-]|$)/.test(lower);
}

export interface EnvFileSecret {
  line: number;
  name: string;
  detector: string;
  description: string;
  length: number;
}

/** Secret-looking assignments of a dotenv file (values never returned). */
export function scanEnvFile(text: string): EnvFileSecret[] {
  const out: EnvFileSecret[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s*export\s+/, '');
    const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) return;
    const name = m[1]!;
    let value = m[2]!.trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    if (isPlaceholder(value)) return;
    const formats = detectSecrets(value).filter((s) => s.detector !== 'password-assignment' && s.detector !== 'secret-assignment');
    const pair = judgePair(name, value);
    const hit = formats[0] ?? (pair ? { ...pair, start: 0, end: value.length } : undefined);
    if (hit) out.push({ line: i + 1, name, detector: hit.detector, description: hit.description, length: hit.end - hit.start });
  });
  return out;
}
