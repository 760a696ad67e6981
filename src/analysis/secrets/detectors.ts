/**
 * Secret detectors. Each finds secret-looking values in text and says what it found without
 * ever returning more than the span: callers report the location and the detector, never the
 * value (see redact.ts).
 *
 * Two families:
 * - formats: private keys, cloud keys, provider tokens, JWTs, DSNs with a password — found
 *   anywhere in any string;
 * - pairs: a value stored under a secret-sounding name (`DB_PASSWORD`, `apiToken`, `password=`),
 *   accepted only when the value is not a placeholder or a reference and, for the vaguer names,
 *   looks random (length, character classes, entropy).
 */

export interface SecretMatch {
  /** Stable detector id, e.g. `aws-access-key-id`. */
  detector: string;
  /** Human description, e.g. `AWS access key id`. */
  description: string;
  /** Span of the secret value inside the scanned text. */
  start: number;
  end: number;
}

interface FormatDetector {
  id: string;
  description: string;
  pattern: RegExp;
  /** Capture group holding the secret (default: the whole match). */
  group?: number;
  /** Extra check on the secret value. */
  accept?: (value: string) => boolean;
}

/** Words that mark documentation values: `AKIAIOSFODNN7EXAMPLE`, `sk_live_xxxxxxxx…`. */
const exampleMarker = /(example|sample|dummy|placeholder|redacted|changeme|your[-_]?(key|token|secret|password)|x{6,}|0{12,}|\*{4,}|<[^>]*>)/i;

function notExample(v: string): boolean {
  return !exampleMarker.test(v);
}

const formatDetectors: FormatDetector[] = [
  {
    id: 'private-key',
    description: 'private key',
    pattern: /-----BEGIN ((?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----([\s\S]{0,16384}?)-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----/g,
    accept: (v) => (v.replace(/-----[A-Z ]+-----/g, '').match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 64 && notExample(v.replace(/-----[A-Z ]+-----/g, '')),
  },
  {
    id: 'private-key',
    description: 'private key (escaped, as in JSON)',
    pattern: /-----BEGIN ((?:RSA|DSA|EC|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----(\\n|\\r\\n)([A-Za-z0-9+/=]{40,}(\\n|\\r\\n)?)+/g,
  },
  { id: 'aws-access-key-id', description: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g, accept: notExample },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    accept: notExample,
  },
  { id: 'gcp-api-key', description: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, accept: notExample },
  {
    id: 'gcp-service-account',
    description: 'Google service account key',
    pattern: /"private_key_id"\s*:\s*"([0-9a-f]{40})"/g,
    group: 1,
  },
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    accept: notExample,
  },
  {
    id: 'azure-sas-key',
    description: 'Azure shared access key',
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{42,43}=)/g,
    group: 1,
    accept: notExample,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    accept: notExample,
  },
  { id: 'github-token', description: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, accept: notExample },
  { id: 'github-token', description: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{60,}\b/g, accept: notExample },
  { id: 'gitlab-token', description: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, accept: notExample },
  { id: 'slack-token', description: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, accept: notExample },
  {
    id: 'slack-webhook',
    description: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/([A-Za-z0-9]{20,})/g,
    group: 1,
    accept: notExample,
  },
  { id: 'stripe-key', description: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}\b/g, accept: notExample },
  { id: 'openai-key', description: 'OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g, accept: notExample },
  { id: 'openai-key', description: 'OpenAI project key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g, accept: notExample },
  { id: 'anthropic-key', description: 'Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/g, accept: notExample },
  { id: 'sendgrid-key', description: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, accept: notExample },
  { id: 'npm-token', description: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, accept: notExample },
  { id: 'pypi-token', description: 'PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g, accept: notExample },
  { id: 'twilio-key', description: 'Twilio API key', pattern: /\bSK[0-9a-f]{32}\b/g, accept: (v) => notExample(v) && /[a-f]/.test(v.slice(2)) && /\d/.test(v.slice(2)) },
  { id: 'mailgun-key', description: 'Mailgun API key', pattern: /\bkey-[0-9a-f]{32}\b/g, accept: notExample },
  { id: 'digitalocean-token', description: 'DigitalOcean token', pattern: /\bdo[pro]_v1_[0-9a-f]{64}\b/g, accept: notExample },
  { id: 'hashicorp-vault-token', description: 'Vault token', pattern: /\bhvs\.[A-Za-z0-9_-]{24,}/g, accept: notExample },
  {
    id: 'registry-auth',
    description: 'container registry credentials',
    pattern: /"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"/g,
    group: 1,
    accept: (v) => {
      const decoded = Buffer.from(v, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon > 0 && !isPlaceholder(decoded.slice(colon + 1));
    },
  },
  {
    id: 'basic-auth-header',
    description: 'HTTP Basic credentials',
    pattern: /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g,
    group: 1,
    accept: (v) => {
      const decoded = Buffer.from(v, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // eslint-disable-next-line no-control-regex
      return colon > 0 && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholder(decoded.slice(colon + 1));
    },
  },
  {
    id: 'dsn-credentials',
    description: 'connection string with a password',
    // scheme://user:password@host — the password is group 1.
    pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/?#@'"]{0,128}:([^\s@/'"]{1,256})@[^\s/'"@]+/g,
    group: 1,
    accept: (v) => !isPlaceholder(decodeURIComponentSafe(v)),
  },
];

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * Values that stand for a secret without being one: template and environment references,
 * SOPS ciphertext, secret-manager references, documentation placeholders, empty-ish values.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^(\$\{[^}]*\}|\$\{\{.*\}\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_]+%|\{\{.*\}\}|<[^>]*>|\[[^\]]*\]|ENC\[.*\]|#\{.*\}#?|__[A-Za-z0-9_]+__|@@?[A-Za-z0-9_]+@@?)$/s.test(v)) return true;
  if (/^(vault|ref\+[a-z0-9]+|sm|awssm|gcpsm|azkv|op|bws|doppler|infisical|akv|sops):/i.test(v)) return true;
  if (/^arn:aws:(secretsmanager|ssm):/.test(v) || /^projects\/[^/]+\/secrets\//.test(v)) return true;
  const lower = v.toLowerCase();
  if (
    /^(changeme|change[-_ ]?me|change[-_ ]?it|changeit|password|passw0rd|passwd|secret|secrets|token|example|sample|dummy|fake|placeholder|redacted|none|null|nil|undefined|todo|tbd|tbc|fixme|n\/a|na|test|testing|dev|development|local|admin|root|user|username|guest|demo|default|empty|unset|notset|not[-_ ]?set|required|override[-_ ]?me|replace[-_ ]?me|set[-_ ]?me|fill[-_ ]?me|insert[-_ ]?here)$/.test(lower)
  )
    return true;
  if (/^(x+|\*+|\.+|-+|_+|#+|0+|1234(5(6(78?)?)?)?)$/i.test(v)) return true;
  if (/^(your|my|insert|enter|replace|put)[-_ ]?\w*(password|secret|token|key|here)\w*$/i.test(v)) return true;
  if (exampleMarker.test(v)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function charClasses(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

/** Names that hold a password whatever it looks like. */
/**
 * Names that hold a password whatever it looks like: the password word ends the name
 * (`DB_PASSWORD`, `adminPassword`, `PGPASSWORD`), optionally followed by a qualifier
 * (`DB_PASSWORD_PROD`, `password-b64`). `PASSWORD_HASHER` or `PASSWORD_COMPLEXITY` describe a
 * password policy: they fall back to the stricter rule for vaguer names.
 */
const passwordName =
  /(password|passwd|passphrase|pwd)s?([-_.]?(prod|production|staging|stage|dev|test|qa|old|new|current|previous|primary|secondary|main|root|admin|user|b64|base64|encoded|hash|hashed|\d+))*$/i;
/** Names that hold secrets when the value looks random. */
const secretWords = new Set(['secret', 'secrets', 'token', 'credential', 'credentials', 'creds', 'bearer', 'hmac', 'salt', 'apikey', 'accesskey', 'privatekey', 'secretkey', 'passkey', 'authkey']);
const keyQualifiers = new Set(['api', 'access', 'private', 'signing', 'encryption', 'master', 'auth', 'session', 'license', 'secret', 'client', 'webhook', 'sas', 'account', 'storage']);

/** The words of a name: `DB_API_KEY`, `apiKey`, `api-key` → [db, api, key]. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
}

/** Names that hold secrets when the value looks random: whole words, so `tokenizer` is not `token`. */
const secretName = {
  test(name: string): boolean {
    const words = nameWords(name);
    return words.some((w, i) => secretWords.has(w) || (w === 'key' && i > 0 && keyQualifiers.has(words[i - 1]!)));
  },
};
/** Names that describe a secret without holding it. */
const notSecretSuffix =
  /[-_.](file|path|dir|name|names|ref|refs|id|ids|url|uri|host|hosts|port|endpoint|header|enabled|enable|disabled|length|len|size|ttl|expiry|expires|expiration|lifetime|timeout|interval|algorithm|algo|alg|issuer|audience|type|mode|provider|policy|rotation|days|hours|min|max|count|version|format|location|store|mount|key[-_.]?name|secret[-_.]?name|cookie[-_.]?name|field|prefix|suffix)$/i;
const notSecretCamel =
  /((File|Path|Dir|Name|Ref|Id|Url|Uri|Host|Port|Endpoint|Header|Enabled|Length|Ttl|Expiry|Timeout|Algorithm|Issuer|Audience|Type|Mode|Provider|Policy|Version|Format|SecretName|KeyName)$|^(secretName|secretRef|secretKeyRef|tokenUrl|tokenEndpoint)$)/;
const notSecretName = { test: (name: string): boolean => notSecretSuffix.test(name) || notSecretCamel.test(name) };

function looksLikeValueOfKind(value: string): 'number' | 'boolean' | 'duration' | 'path' | 'url' | 'name' | 'text' | undefined {
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return 'number';
  if (/^(true|false|yes|no|on|off|enabled|disabled)$/i.test(v)) return 'boolean';
  if (/^\d+(\.\d+)?(ns|us|ms|s|m|h|d|w|y)$/i.test(v)) return 'duration';
  if (/^(\/|\.\/|~\/)[\w./-]*$/.test(v) || /^[A-Za-z]:\\/.test(v)) return 'path';
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(v)) return 'url';
  // A Kubernetes object name such as `db-credentials`: a reference to a Secret, not a value.
  if (/^[a-z0-9]+([-.][a-z0-9]+)+$/.test(v) && /(secret|credential|password|token|key|cert|tls|auth)/.test(v)) return 'name';
  if (/\s/.test(v) && v.split(/\s+/).length >= 3) return 'text';
  return undefined;
}

/** Base64 that decodes to readable text with spaces (a sentence, a certificate) is not random. */
function isBase64OfText(v: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0 || v.length < 12) return false;
  const decoded = Buffer.from(v, 'base64').toString('utf8');
  if (/-----BEGIN (CERTIFICATE|PUBLIC KEY)/.test(decoded)) return true;
  // eslint-disable-next-line no-control-regex
  return /^[\x09\x0a\x0d\x20-\x7e]+$/.test(decoded) && /\s/.test(decoded) && decoded.split(/\s+/).length >= 3;
}

export interface PairVerdict {
  detector: string;
  description: string;
}

/**
 * Judge a value stored under a name (env var, ConfigMap key, annotation, `name=value` in text).
 * Returns undefined when the pair does not look like a committed secret.
 */
/** A key or variable name that says it holds a secret (PASSWORD, API_TOKEN, client_secret…). */
export function isSecretName(name: string): boolean {
  return !notSecretName.test(name) && (passwordName.test(name) || secretName.test(name));
}

export function judgePair(name: string, value: string): PairVerdict | undefined {
  const v = value.trim();
  if (notSecretName.test(name)) return undefined;
  const isPassword = passwordName.test(name);
  const isSecret = isPassword || secretName.test(name);
  if (!isSecret) return undefined;
  if (isPlaceholder(v)) return undefined;
  const kind = looksLikeValueOfKind(v);
  if (kind) return undefined;
  if (/-----BEGIN (CERTIFICATE|PUBLIC KEY)/.test(v)) return undefined;
  if (isBase64OfText(v)) return undefined;
  if (isPassword) {
    if (v.length < 6) return undefined;
    return { detector: 'password-assignment', description: 'password' };
  }
  if (v.length < 16 || /\s/.test(v)) return undefined;
  if (charClasses(v) < 2 || entropy(v) < 3.5) return undefined;
  return { detector: 'secret-assignment', description: 'high-entropy secret' };
}

/** `password=…`, `"api_key": "…"`, `token: …` written inside free text (args, scripts, JSON, .env). */
const assignment = /(?<![A-Za-z0-9])(--?)?([A-Za-z][A-Za-z0-9_.-]{1,60})["']?\s*(?:=|:(?!\/\/))\s*(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|(\$\{[^}\n]{0,200}\}|\{\{[^}\n]{0,200}\}\}|[^\s"',;}]{1,512}))/g;

/** Every secret-looking span in a text. `name` is the key the text is stored under, if any. */
export function detectSecrets(text: string, name?: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  const overlaps = (start: number, end: number): boolean => out.some((m) => start < m.end && end > m.start);
  for (const d of formatDetectors) {
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(text); m; m = d.pattern.exec(text)) {
      const value = d.group !== undefined ? m[d.group] : m[0];
      if (value === undefined) continue;
      const s = d.group !== undefined ? m.index + m[0].lastIndexOf(value) : m.index;
      if (d.accept && !d.accept(value)) continue;
      if (!overlaps(s, s + value.length)) out.push({ detector: d.id, description: d.description, start: s, end: s + value.length });
    }
  }
  if (name !== undefined) {
    const verdict = judgePair(name, text);
    if (verdict && !overlaps(0, text.length)) {
      const lead = text.length - text.trimStart().length;
      out.push({ ...verdict, start: lead, end: lead + text.trim().length });
    }
  }
  assignment.lastIndex = 0;
  for (let m = assignment.exec(text); m; m = assignment.exec(text)) {
    const key = m[2]!;
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const verdict = judgePair(key, value);
    if (!verdict) continue;
    const s = m.index + m[0].lastIndexOf(value);
    if (!overlaps(s, s + value.length)) out.push({ ...verdict, start: s, end: s + value.length });
  }
  return out.sort((a, b) => a.start - b.start);
}
