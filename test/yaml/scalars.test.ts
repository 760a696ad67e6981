/**
 * Scalar resolution. Expected values come from `kubectl kustomize` runs on the yaml-* fixtures
 * (resources: YAML 1.2-like rules; output quoting: YAML 1.1 rules) and, for kustomization files,
 * from the oracle's error on `commonLabels: {a: yes}` ("cannot unmarshal bool ... of type string").
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { decodeDoubleQuoted, isNonStringPlain11, parseTimestamp, resolvePlain } from '../../src/yaml/scalars.js';

describe('resources (yaml12)', () => {
  it('reads only true/false spellings as booleans', () => {
    for (const t of ['true', 'True', 'TRUE']) expect(resolvePlain(t, 'yaml12')).toBe(true);
    for (const f of ['false', 'False', 'FALSE']) expect(resolvePlain(f, 'yaml12')).toBe(false);
    for (const s of ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'tRUE']) expect(resolvePlain(s, 'yaml12')).toBe(s);
  });

  it('reads the null forms as null', () => {
    for (const s of ['null', 'Null', 'NULL', '~', '']) expect(resolvePlain(s, 'yaml12')).toBeNull();
  });

  it('turns timestamps into the RFC 3339 text Go writes', () => {
    const cases: Array<[string, string]> = [
      ['2001-12-14', '2001-12-14T00:00:00Z'],
      ['2001-12-14t21:59:43Z', '2001-12-14T21:59:43Z'],
      ['2001-12-14T21:59:43.10+05:00', '2001-12-14T21:59:43.1+05:00'],
      ['2001-12-14 21:59:43', '2001-12-14T21:59:43Z'],
      ['2001-2-3', '2001-02-03T00:00:00Z'],
      ['2000-02-29', '2000-02-29T00:00:00Z'],
      ['2001-12-14T21:59:43.000Z', '2001-12-14T21:59:43Z'],
      ['2001-12-14T21:59:43.123456789123Z', '2001-12-14T21:59:43.123456789Z'],
      ['2001-12-14T21:59:43-00:00', '2001-12-14T21:59:43Z'],
      ['2001-12-14T21:59:43+00:00', '2001-12-14T21:59:43Z'],
      ['2001-12-14T21:59:43-08:30', '2001-12-14T21:59:43-08:30'],
      ['2001-12-14 21:59:43,5', '2001-12-14T21:59:43.5Z'],
      ['2001-1-1 1:1:1', '2001-01-01T01:01:01Z'],
      ['2001-12-14  21:59:43', '2001-12-14T21:59:43Z'],
    ];
    for (const [input, out] of cases) {
      expect(parseTimestamp(input)).toBe(out);
      expect(resolvePlain(input, 'yaml12')).toBe(out);
    }
    for (const s of ['2001-12-14 21:59:43.10 -5', '2001-13-01', '2001-02-29', '2001-12-14T21:59:43', '1:20']) {
      expect(resolvePlain(s, 'yaml12')).toBe(s);
    }
  });

  it('refuses infinities and NaN', () => {
    for (const s of ['.inf', '-.Inf', '+.INF', '.nan', '.NaN']) expect(() => resolvePlain(s, 'yaml12')).toThrow(/unsupported value/);
  });

  it('keeps strings that only look numeric', () => {
    for (const s of ['1e400', '1.2.3', '10.0.0.1', '0x', '1e', '.', '._5', '.09_', '0b2', '12abc']) {
      expect(resolvePlain(s, 'yaml12')).toBe(s);
    }
  });
});

describe('kustomization files (yaml11)', () => {
  it('reads the YAML 1.1 boolean words as booleans, so the loader can reject them where strings are expected', () => {
    for (const t of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true']) expect(resolvePlain(t, 'yaml11')).toBe(true);
    for (const f of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false']) expect(resolvePlain(f, 'yaml11')).toBe(false);
    const parsed = parseYaml('commonLabels:\n  a: yes\n', 'kustomization.yaml', { dialect: 'yaml11', uniqueKeys: false });
    expect(parsed.docs[0]!.value).toEqual({ commonLabels: { a: true } });
  });

  it('keeps timestamps as text (go-yaml v2 does)', () => {
    expect(resolvePlain('2001-12-14', 'yaml11')).toBe('2001-12-14');
  });
});

describe('output quoting: strings go-yaml v2 would read as another type', () => {
  // From the oracle: these strings were printed double-quoted...
  const quoted = ['', '+.5', '+.INF', '+1', '+1.5', '+18446744073709551615', '+1:20', '-.5', '-.Inf', '-0', '-0b1', '-0x1F',
    '-1:20', '-9223372036854775809', '.5', '.5_5', '.5e3', '.NAN', '.NaN', '.inf', '.nan', '0', '0.0', '00', '01.5', '010',
    '01:02:03', '08', '09', '0B1', '0O7', '0X1f', '0b101', '0o10', '0xFFFFFFFFFFFFFFFF', '0x_1F', '1.', '1.5e-3', '123',
    '12:30', '12:30:45.123', '18446744073709551616', '190:20:30', '1:20', '1:20.', '1:20.5_5', '1:2:3.5', '1E5', '1_',
    '1_000_000', '1_0:20', '1__0', '1e+5', '1e-400', '1e3', '2000-02-29', '2001-04-30', '2001-1-1 1:1:1',
    '2001-12-14  21:59:43', '2001-12-14 21:59:43', '2001-12-14 21:59:43,5', '2001-12-14', '2001-12-14T1:2:3Z',
    '2001-12-14T21:59:43+24:00', '2001-12-14T21:59:43-00:00', '2001-12-14T21:59:43.10+05:00',
    '2001-12-14T21:59:43.1234567891Z', '2001-12-14t21:59:43Z', '2001-2-3', '5.e3', '9223372036854775808', 'FALSE', 'False',
    'N', 'NO', 'NULL', 'No', 'Null', 'OFF', 'ON', 'Off', 'On', 'TRUE', 'True', 'Y', 'YES', 'Yes', 'false', 'n', 'no', 'null',
    'off', 'on', 'true', 'y', 'yes', '~'];
  // ...and these plain (or single-quoted for other reasons).
  const notQuoted = ['+', '.', '.09_', '._5', '.e5', '0b2', '0x', '1.2.3', '10.0.0.1', '12abc', '1999-04-31', '1:2_0', '1:60',
    '1::20', '1e', '1e400', '2001-02-29', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43', '2001-12-14T21:59:43+0500',
    '2001-12-14T21:59:43+25:00', '2001-12-14T21:59:43.Z', '2001-12-14T21:59:60Z', '2001-12-14T24:00:00Z',
    '2001-12-14X21:59:43Z', '2001-13-01', '20011-12-14', '<<', '=', 'NuLL', 'O', 'Yes please', '_1', 'a1:20', 'f', 'nULL',
    'no-op', 'o', 'oN', 'offset', 't', 'truE', 'yES', '-', '1 ', '1:20:', '2001-12-14 '];
  it('detects every string the oracle double-quoted', () => {
    for (const s of quoted) expect(isNonStringPlain11(s), JSON.stringify(s)).toBe(true);
  });
  it('leaves alone every string the oracle did not', () => {
    for (const s of notQuoted) expect(isNonStringPlain11(s), JSON.stringify(s)).toBe(false);
  });
});

describe('double-quoted scalars (go-yaml v3 escapes)', () => {
  it('decodes the escape set, including \\\' and an escaped tab', () => {
    expect(decodeDoubleQuoted("it\\'s")).toBe("it's");
    expect(decodeDoubleQuoted('a\\\tb')).toBe('a\tb');
    expect(decodeDoubleQuoted('\\x41\\u00e9\\U0001F600\\N\\_\\L\\P')).toBe('Aé\u{1F600}\u0085\u00a0\u2028\u2029');
  });
  it('folds line breaks and joins escaped ones', () => {
    expect(decodeDoubleQuoted('one \\\n    two')).toBe('one two');
    expect(decodeDoubleQuoted('a\n  b\n\n  c  ')).toBe('a b\nc  ');
  });
  it('rejects what go-yaml rejects', () => {
    expect(() => decodeDoubleQuoted('\\/')).toThrow(/unknown escape/);
    expect(() => decodeDoubleQuoted('\\ud83d\\ude00')).toThrow(/invalid Unicode/);
    expect(() => decodeDoubleQuoted('\\xZZ')).toThrow(/hexdecimal/);
  });
  it('reports the file and line through parseYaml', () => {
    try {
      parseYaml('a: 1\nb: "\\/"\n', 'r.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).location).toMatchObject({ file: 'r.yaml', line: 2 });
    }
  });
});

describe('mapping keys', () => {
  it('turns int, float and bool keys of kustomization files into strings like sigs.k8s.io/yaml', () => {
    const text = 'commonAnnotations:\n  1: a\n  yes: b\n  0x10: c\n  1.5: d\n  1e3: e\n  2001-12-14: f\n  1e6: g\n';
    const parsed = parseYaml(text, 'kustomization.yaml', { dialect: 'yaml11', uniqueKeys: false });
    const keys = Object.keys((parsed.docs[0]!.value as Record<string, Record<string, unknown>>).commonAnnotations!);
    // The oracle's errors list these keys after the conversion (1, true, 16, 1.5, 1000, 1e+06).
    expect(keys.sort()).toEqual(['1', '1.5', '1000', '16', '1e+06', '2001-12-14', 'true']);
  });

  it('refuses null keys and uint64 keys in kustomization files', () => {
    expect(() => parseYaml('a:\n  ~: x\n', 'k.yaml', { dialect: 'yaml11' })).toThrow(UserError);
    expect(() => parseYaml('a:\n  18446744073709551615: x\n', 'k.yaml', { dialect: 'yaml11' })).toThrow(/uint64/);
  });

  it('refuses null and timestamp keys in resources', () => {
    expect(() => parseYaml('a:\n  null: x\n', 'r.yaml')).toThrow(/null/);
    expect(() => parseYaml('a:\n  2001-12-14: x\n', 'r.yaml')).toThrow(/timestamp/);
    expect(parseYaml('a:\n  "2001-12-14": x\n', 'r.yaml').docs[0]!.value).toEqual({ a: { '2001-12-14': 'x' } });
  });
});

describe('decodeYamlBytes', () => {
  it('refuses invalid UTF-8 with the line, as go-yaml does ("invalid leading UTF-8 octet")', async () => {
    const { decodeYamlBytes } = await import('../../src/yaml/parse.js');
    expect(decodeYamlBytes(Buffer.from('a: é\n'), 'r.yaml')).toBe('a: é\n');
    const bad = Buffer.concat([Buffer.from('a: 1\nb: "x'), Buffer.from([0xff]), Buffer.from('"\n')]);
    try {
      decodeYamlBytes(bad, 'r.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).location).toMatchObject({ file: 'r.yaml', line: 2 });
    }
  });
});

describe('decodeBlockScalar (go-yaml block scalar rules)', () => {
  it('keeps trailing lines of spaces deeper than the explicit indentation', async () => {
    const { decodeBlockScalar } = await import('../../src/yaml/scalars.js');
    const text = 'b: |2\n     yes\n    \n';
    expect(decodeBlockScalar(text, text.indexOf('|'), 0)).toBe('   yes\n  \n');
    const keep = 'c: |1+\n  x\n   \n';
    expect(decodeBlockScalar(keep, keep.indexOf('|'), 0)).toBe(' x\n  \n');
    const folded = 'k: >\n  a\n  b\n\n  c\n';
    expect(decodeBlockScalar(folded, folded.indexOf('>'), 0)).toBe('a b\nc\n');
  });
});

describe('quoted scalars with under-indented continuation lines (accepted by go-yaml)', () => {
  it('parses them with the value go-yaml reads, keeping line numbers', async () => {
    const { reindentQuotedContinuations } = await import('../../src/yaml/parse.js');
    const text = 'a:\n  b: "x\ny"\n  c: 1\n';
    const parsed = parseYaml(text, 'r.yaml');
    expect(parsed.docs[0]!.value).toEqual({ a: { b: 'x y', c: 1 } });
    expect(reindentQuotedContinuations('a: "x"\nb: |\n  "q\n')).toBeUndefined();
  });
});
