/**
 * Compose's .env dialect. Expectations follow the docker compose documentation ("Set, use, and
 * manage variables in a .env file", section ".env file syntax") and compose-go's dotenv parser,
 * which docker compose v2 uses.
 */
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/compose/dotenv.js';
import { UserError } from '../../src/core/errors.js';

const env: Record<string, string> = { HOME_DIR: '/home/u', EMPTY: '', FROM_SHELL: 'shell' };
const lookup = (k: string): string | undefined => env[k];

function parse(text: string): Record<string, string> {
  return Object.fromEntries([...parseDotenv(text, '.env', lookup)].map(([k, e]) => [k, e.value]));
}

const cases: [string, string, Record<string, string>][] = [
  ['syntax: VAR=VAL', 'A=1\n', { A: '1' }],
  ['syntax: lines beginning with # are comments', '# comment\nA=1\n  # indented comment\n', { A: '1' }],
  ['syntax: blank lines are ignored', '\n\nA=1\n\n', { A: '1' }],
  ['syntax: unquoted values keep a # not preceded by a space (VAR=VAL#1 → VAL#1)', 'A=a#b\n', { A: 'a#b' }],
  ['syntax: inline comments on unquoted values need a space before # (VAR=VAL # comment)', 'A=a #b\n', { A: 'a' }],
  ['syntax: trailing spaces of unquoted values are trimmed', 'A=value   \n', { A: 'value' }],
  ['syntax: spaces after = are trimmed', 'A=   value\n', { A: 'value' }],
  ['syntax: spaces around the key are allowed', '  A   =1\n', { A: '1' }],
  ['syntax: VAR="VAL" double quotes are removed', 'A="x y"\n', { A: 'x y' }],
  ["syntax: VAR='VAL' single quotes are removed", "A='x y'\n", { A: 'x y' }],
  ['syntax: a # inside quotes is kept', 'A="a #b"\n', { A: 'a #b' }],
  ['syntax: an inline comment after a quoted value', 'A="x" # comment\nB=2\n', { A: 'x', B: '2' }],
  ['syntax: escapes in double quotes (\\n, \\t, \\\\, \\")', 'A="a\\nb\\tc\\\\d\\"e"\n', { A: 'a\nb\tc\\d"e' }],
  ['syntax: single quotes are literal (no escapes, no interpolation)', "A='a\\nb ${HOME_DIR}'\n", { A: 'a\\nb ${HOME_DIR}' }],
  ['syntax: double-quoted values span lines', 'A="line1\nline2"\nB=3\n', { A: 'line1\nline2', B: '3' }],
  ['syntax: single-quoted values span lines', "A='l1\nl2'\n", { A: 'l1\nl2' }],
  ["syntax: \\' in single quotes is a quote", "A='it\\'s'\n", { A: "it's" }],
  ['syntax: export prefix is accepted', 'export A=1\nexport  B="2"\n', { A: '1', B: '2' }],
  ['syntax: a key named export… is not an export prefix', 'exported=1\n', { exported: '1' }],
  ['syntax: YAML style KEY: VALUE', 'A: 1\n', { A: '1' }],
  ['syntax: empty value', 'A=\nB=""\n', { A: '', B: '' }],
  ['syntax: bare KEY takes the value from the environment', 'FROM_SHELL\nA=1\n', { FROM_SHELL: 'shell', A: '1' }],
  ['syntax: bare KEY not set in the environment is skipped', 'NOT_SET\nA=1\n', { A: '1' }],
  ['interpolation: ${VAR} from the environment in unquoted values', 'A=${HOME_DIR}/x\n', { A: '/home/u/x' }],
  ['interpolation: earlier keys of the same file', 'A=1\nB=${A}2\n', { A: '1', B: '12' }],
  ['interpolation: the environment wins over the file for lookups', 'FROM_SHELL=file\nB=${FROM_SHELL}\n', { FROM_SHELL: 'file', B: 'shell' }],
  ['interpolation: defaults in double quotes', 'A="${NOPE:-dflt}"\n', { A: 'dflt' }],
  ['interpolation: \\$ in double quotes is a literal $', 'A="\\$HOME_DIR"\n', { A: '$HOME_DIR' }],
  ['interpolation: $$ is a literal $', 'A=$$x\n', { A: '$x' }],
  ['keys: dots, dashes and brackets are allowed', 'a.b-c[0]=1\n', { 'a.b-c[0]': '1' }],
  ['later lines win for a repeated key', 'A=1\nA=2\n', { A: '2' }],
  ['a byte-order mark is ignored', '\ufeffA=1\n', { A: '1' }],
  ['CRLF line endings', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
  ['a bare key on the last line without a newline changes nothing', 'A=1\nB', { A: '1' }],
];

describe('.env dialect', () => {
  it.each(cases)('%s', (_title, text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('remembers the line of each key', () => {
    const parsed = parseDotenv('# c\nA=1\n\nB="x\ny"\nC=3\n', '.env');
    expect([...parsed].map(([k, e]) => [k, e.line])).toEqual([
      ['A', 2],
      ['B', 4],
      ['C', 6],
    ]);
  });

  const errors: [string, string, RegExp, number][] = [
    ['an unterminated quote', 'A=1\nB="abc\n', /unterminated quoted value of B/, 2],
    ['a space inside a key', 'A B=1\n', /key cannot contain a space/, 1],
    ['an invalid character in a key', 'A=1\nA$B=1\n', /unexpected character "\$" in variable name/, 2],
    ['a required variable without value', 'A=${NOPE:?must be set}\n', /required variable NOPE is missing a value: must be set/, 1],
  ];
  it.each(errors)('refuses %s with file and line', (_t, text, message, line) => {
    let err: unknown;
    try {
      parseDotenv(text, 'dir/.env', lookup);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(message);
    expect((err as UserError).location).toEqual({ file: 'dir/.env', line });
  });

  it('error messages never quote a value (it may be a secret)', () => {
    for (const text of ['DB_PASSWORD="s3cr3t-Passw0rd\n', 'DB$PASSWORD=s3cr3t-Passw0rd\n']) {
      let message = '';
      try {
        parseDotenv(text, '.env');
      } catch (e) {
        message = (e as UserError).render();
      }
      expect(message).not.toBe('');
      expect(message).not.toContain('s3cr3t');
    }
  });
});
