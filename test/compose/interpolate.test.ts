/**
 * Interpolation, per the Compose Specification's "Interpolation" section (12-interpolation.md)
 * and docker compose's documentation ("Interpolation"), as compose-go's template package does it.
 */
import { describe, expect, it } from 'vitest';
import { MAX_INTERPOLATION_DEPTH, substitute, TemplateError } from '../../src/compose/interpolate.js';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', TAG: '1.25', A: 'a', B: 'b', lower_case: 'lc' };
const lookup = (k: string): string | undefined => vars[k];

const cases: [string, string, string][] = [
  ['spec: ${VAR} braced', 'img:${TAG}', 'img:1.25'],
  ['spec: $VAR unbraced', 'img:$TAG', 'img:1.25'],
  ['spec: $VAR stops at the first character not in [_a-zA-Z0-9]', '$TAG-x', '1.25-x'],
  ['spec: names are case-sensitive and may be lowercase', '${lower_case}', 'lc'],
  ['spec: unset variable is an empty string', 'x${UNSET}y', 'xy'],
  ['spec: ${VAR:-default} when unset', '${UNSET:-d}', 'd'],
  ['spec: ${VAR:-default} when empty', '${EMPTY:-d}', 'd'],
  ['spec: ${VAR:-default} when set', '${SET:-d}', 'value'],
  ['spec: ${VAR-default} when unset', '${UNSET-d}', 'd'],
  ['spec: ${VAR-default} when empty keeps empty', '${EMPTY-d}', ''],
  ['spec: ${VAR-default} when set', '${SET-d}', 'value'],
  ['spec: ${VAR:+replacement} when set and non-empty', '${SET:+r}', 'r'],
  ['spec: ${VAR:+replacement} when empty', '${EMPTY:+r}', ''],
  ['spec: ${VAR:+replacement} when unset', '${UNSET:+r}', ''],
  ['spec: ${VAR+replacement} when set (even empty)', '${EMPTY+r}', 'r'],
  ['spec: ${VAR+replacement} when unset', '${UNSET+r}', ''],
  ['spec: ${VAR:?err} when set', '${SET:?err}', 'value'],
  ['spec: ${VAR?err} when empty is fine', '${EMPTY?err}', ''],
  ['spec: $$ is a literal dollar sign', 'cost $$5', 'cost $5'],
  ['spec: $${VAR} is not interpolated', '$${SET}', '${SET}'],
  ['spec: nested default ${A:-${B}}', '${UNSET:-${B}}', 'b'],
  ['spec: nested default two levels', '${UNSET:-${UNSET2:-deep}}', 'deep'],
  ['spec: nested default not used when set', '${A:-${B}}', 'a'],
  ['spec: several expressions in one string', '${A}-${B}-$SET', 'a-b-value'],
  ['several braced expressions with defaults on one line', '${UNSET:-x}/${UNSET:-y}/${A}', 'x/y/a'],
  ['a default may contain spaces and colons', '${UNSET:-a b:c}', 'a b:c'],
  ['a default may be empty', '${UNSET:-}', ''],
  ['a $ that starts nothing is kept (5 $)', '5 $', '5 $'],
  ['a $ before a digit is kept', '$1', '$1'],
  ['a string without $ is unchanged', 'plain', 'plain'],
  ['the replacement of :+ is interpolated', '${SET:+${A}}', 'a'],
  ['text after an expression with a default is interpolated', '${UNSET:-x}$A', 'xa'],
  ['a } after an expression is kept', '${UNSET:-x}}', 'x}'],
];

describe('interpolation', () => {
  it.each(cases)('%s', (_title, template, expected) => {
    expect(substitute(template, lookup)).toBe(expected);
  });

  it('warns about variables read without a default that are not set', () => {
    const unset: string[] = [];
    substitute('${UNSET} $ALSO ${SET} ${OTHER:-d}', lookup, { onUnset: (n) => unset.push(n) });
    expect(unset).toEqual(['UNSET', 'ALSO']);
  });

  const errors: [string, string, RegExp][] = [
    ['spec: ${VAR:?err} when unset fails with the message', '${UNSET:?need it}', /required variable UNSET is missing a value: need it/],
    ['spec: ${VAR:?err} when empty fails', '${EMPTY:?need it}', /required variable EMPTY is missing a value/],
    ['spec: ${VAR?err} when unset fails', '${UNSET?gone}', /required variable UNSET is missing a value: gone/],
    ['the message of :? is interpolated', '${UNSET:?set $A}', /missing a value: set a/],
    ['an unterminated ${', 'x ${SET', /invalid interpolation format/],
    ['an empty ${}', '${}', /invalid interpolation format/],
    ['a name starting with a digit', '${1A}', /invalid interpolation format/],
    ['an unknown operator', '${SET/a/b}', /invalid interpolation format/],
  ];
  it.each(errors)('refuses %s', (_t, template, message) => {
    expect(() => substitute(template, lookup)).toThrow(TemplateError);
    expect(() => substitute(template, lookup)).toThrow(message);
  });

  it('an invalid template is not quoted in the message (it may hold a secret)', () => {
    expect(() => substitute('postgres://app:s3cr3t@${HOST', lookup)).toThrow(/^invalid interpolation format at character 23$/);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = `${'${U:-'.repeat(MAX_INTERPOLATION_DEPTH + 5)}x${'}'.repeat(MAX_INTERPOLATION_DEPTH + 5)}`;
    expect(() => substitute(deep, lookup)).toThrow(/nested deeper than/);
    const ok = `${'${U:-'.repeat(10)}x${'}'.repeat(10)}`;
    expect(substitute(ok, lookup)).toBe('x');
  });

  it('interpolates a long line of many expressions in linear time', () => {
    const line = '${UNSET:-x}'.repeat(200_000);
    const started = Date.now();
    expect(substitute(line, lookup)).toBe('x'.repeat(200_000));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
