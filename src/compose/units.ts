/**
 * Durations and byte sizes as docker compose reads and prints them: durations in Go's
 * `time.ParseDuration` syntax printed as Go's `Duration.String()` (`90s` → `1m30s`), sizes in
 * go-units `RAMInBytes` syntax (binary multiples: `1g` = 1073741824) printed as a byte count.
 */

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a Go duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  let matched = false;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m) return undefined;
    total += parseFloat(m[1]!) * UNIT_NS[m[2]!]!;
    s = s.slice(m[0].length);
    matched = true;
  }
  return matched ? sign * Math.round(total) : undefined;
}

/** Go's `time.Duration.String()`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    // Sub-second: the largest unit that keeps the integer part non-zero.
    const [unit, size] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = fraction(u, size as number) + unit;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    out = `${fraction(u, 1e9)}s`;
    if (h > 0 || m > 0) out = `${m}m${out}`;
    if (h > 0) out = `${h}h${out}`;
  }
  return neg ? `-${out}` : out;
}

function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

const BINARY: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes of a size (`512m`, `1gb`, `1.5g`, `1024`), or undefined when it is not one. */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!m) return undefined;
  const size = parseFloat(m[1]!);
  return Math.trunc(size * BINARY[(m[2] ?? '').toLowerCase()]!);
}
