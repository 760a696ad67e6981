/**
 * YAML parsing with source positions.
 *
 * Files are parsed with the `yaml` package into its node tree, then converted to plain values
 * with kustomize's scalar rules (see scalars.ts). Each mapping and sequence remembers the file
 * and line of itself and of each entry (see model/provenance.ts), so every rendered field can
 * be traced back to the line that wrote it. Untrusted input is bounded: alias expansion, depth
 * and document count are limited (limits.ts), and every problem becomes a UserError with a
 * file and line.
 */
import { Alias, CST, isAlias, isMap as isYamlMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Pair, Node as YamlNode, Scalar as YamlScalar } from 'yaml';
import { UserError } from '../core/errors.js';
import { analyze, BLOCK_ALLOWED } from './emit.js';
import { limits } from '../core/limits.js';
import type { Location } from '../core/location.js';
import { newMap, type Scalar, selfOrigin, setEntryOrigin, setSelfOrigin, type Value, type ValueMap } from '../core/provenance.js';
import {
  decodeBlockScalar,
  decodeDoubleQuoted,
  type Dialect,
  foldedRoundTrip,
  keyAsString11,
  parseTimestamp,
  resolvePlain,
  resolveTagged,
  ScalarError,
} from './scalars.js';

export interface ParsedDocument {
  /** The document's value; `null` for an empty or comment-only document. */
  value: Value;
  /** Where the document's content starts. */
  location: Location;
  /** Last line of the document (inclusive). */
  endLine: number;
  /** Position of the document in its file, from 0. */
  index: number;
}

export interface Comment {
  line: number;
  text: string;
}

export interface ParsedFile {
  file: string;
  docs: ParsedDocument[];
  comments: Comment[];
}

export interface ParseOptions {
  /** `yaml12` for resources and patches (go-yaml v3 rules), `yaml11` for kustomization files. */
  dialect?: Dialect;
  /**
   * Reject duplicate mapping keys (resources do; kustomization files keep the last). `'first'`
   * keeps the first value, as kustomize's strategic merge reads a patch (it looks a key up and
   * finds the first), except in the annotations (and, with `metadataAsStrings`, labels) that
   * kustomize rebuilds as a map, where the last wins. Mappings that repeated a key are
   * remembered (`repeatedKeyOf`): kustomize fails when it copies one into its output.
   */
  uniqueKeys?: boolean | 'first';
  /**
   * Rebuild top-level `metadata.annotations` as kustomize does before writing an object: values
   * become their raw scalar text, an empty annotations map disappears, and keys that would read
   * back as non-strings are errors.
   */
  annotationsAsText?: boolean;
  /**
   * With `annotationsAsText`, rebuild `metadata.labels` the same way and keep no typed value
   * behind either map's text: kustomize loads legacy `patchesStrategicMerge` patches as
   * resources, which makes both maps plain strings (`1.50`, `~` and `True` stay as written).
   */
  metadataAsStrings?: boolean;
  /** Read a missing value in a flow mapping (`{a: }`) as null, as YAML-to-JSON conversion does (JSON patch operations). */
  flowEmptyIsNull?: boolean;
}

interface ConvertState {
  file: string;
  text: string;
  lines: LineCounter;
  doc: Document.Parsed;
  dialect: Dialect;
  uniqueKeys: boolean | 'first';
  annotationsAsText: boolean;
  metadataAsStrings: boolean;
  flowEmptyIsNull: boolean;
  aliasBudget: number;
  /** Characters of scalar text that alias expansion may still copy (a huge scalar aliased many times). */
  aliasByteBudget: number;
  /** Column of the block collection being converted (-1 at the top level): go-yaml's indent. */
  blockIndent: number;
  /** Anchored nodes by name, in document order (built on the first alias). */
  anchors?: Map<string, { offset: number; node: YamlNode }[]>;
}

/** Key locations of `key:` written with no value (kustomize's strategic merge drops those). */
const keysWithoutValue = new WeakSet<Location>();

/** Was the entry at this key location written as `key:` with nothing after it? */
export function writtenWithoutValue(keyLocation: Location | undefined): boolean {
  return keyLocation !== undefined && keysWithoutValue.has(keyLocation);
}

/** Entry locations (mapping keys) whose value carried a local tag such as Compose's `!reset`. */
const localTags = new WeakMap<Location, string>();

/**
 * The local tag (`!reset`, `!override`, …) written on the value of the entry whose key is at
 * this location. Compose gives such tags a meaning; the value itself is read as if untagged.
 */
export function localTagOf(keyLocation: Location | undefined): string | undefined {
  return keyLocation === undefined ? undefined : localTags.get(keyLocation);
}

/** Key locations whose value was a quoted or block scalar (kustomize keeps that style when a patch sets the value). */
const keysWithQuotedValue = new WeakSet<Location>();

/** Plain scalars that read as a number or bool written differently from its canonical text (`.5`, `1_000`, `True`). */
const plainTextOfTypedValue = new WeakMap<Location, string>();

/**
 * How the number or bool at this key location was written, when that differs from its
 * canonical text: kyaml keeps that text when it stores the value into a quoted string.
 */
export function writtenPlainText(keyLocation: Location | undefined): string | undefined {
  return keyLocation === undefined ? undefined : plainTextOfTypedValue.get(keyLocation);
}

/** Was the value at this key location written quoted (`"…"`, `'…'`) or as a block scalar? */
export function writtenQuoted(keyLocation: Location | undefined): boolean {
  return keyLocation !== undefined && keysWithQuotedValue.has(keyLocation);
}

export interface RepeatedKey {
  key: string;
  /** The repeated (ignored) occurrence. */
  location: Location;
  firstLine: number;
  /**
   * In annotations, the later values of repeated keys, in order: kustomize merges a patch's
   * annotations key by key (the first value wins) but copies them whole as a Go map (the last wins).
   */
  lastValues?: { key: string; value: Value; location: Location }[];
}

/** Mappings read with `uniqueKeys: 'first'` that repeated a key, by their own location. */
const mapsRepeatingKeys = new WeakMap<Location, RepeatedKey>();

/** The first key that `map` (read with `uniqueKeys: 'first'`) repeated, if any. */
export function repeatedKeyOf(map: Value): RepeatedKey | undefined {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return undefined;
  const where = selfOrigin(map);
  return where === undefined ? undefined : mapsRepeatingKeys.get(where);
}

/** Annotation entries kept as text that a plain or tagged scalar wrote: key location → that text and its typed value. */
const typedAnnotationText = new WeakMap<Location, { text: string; value: Value }>();

/**
 * The typed value (`1.5`, `31`, `true`, `null`) of an annotation that is kept as its text
 * (`1.50`, `0x1F`, `True`, empty) because it was written as a plain scalar, while the entry at
 * `keyLocation` still holds `text`. kustomize keeps the text until a JSON round trip of the
 * object (a JSON 6902 patch) reads the scalar's typed value instead.
 */
export function typedAnnotationValue(keyLocation: Location | undefined, text: Value): Value | undefined {
  const typed = keyLocation === undefined ? undefined : typedAnnotationText.get(keyLocation);
  return typed !== undefined && typed.text === text ? typed.value : undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a YAML file's bytes. go-yaml refuses bytes that are not valid UTF-8 ("invalid
 * leading UTF-8 octet") where a lenient decoder would silently substitute U+FFFD.
 */
export function decodeYamlBytes(bytes: Uint8Array, file: string): string {
  // go-yaml also reads UTF-16 when the file starts with its byte order mark.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new UserError(`invalid ${utf16.toUpperCase()} in YAML file (kustomize: "incomplete UTF-16 character")`, { location: { file, line: 1 } });
    }
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    throw new UserError('invalid UTF-8 in YAML file (kustomize: "invalid leading UTF-8 octet")', {
      location: { file, line },
    });
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Characters go-yaml's reader refuses anywhere in a file, even inside quotes or comments ("control characters are not allowed"). */
const disallowedCharacter = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export function parseYaml(text: string, file: string, options: ParseOptions = {}): ParsedFile {
  if (Buffer.byteLength(text, 'utf8') > limits.maxFileBytes) {
    throw new UserError(`file is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit`, {
      location: { file, line: 1 },
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const control = disallowedCharacter.exec(text);
  if (control) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < control.index; i = text.indexOf('\n', i + 1)) line++;
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new UserError(`invalid YAML: control characters are not allowed (U+${code})`, { location: { file, line } });
  }
  checkNodeCount(text, file);
  let lines = new LineCounter();
  let docs = parseDocuments(text, lines, file);
  if (docs.some((d) => d.errors.some(isMissingClosingQuote))) {
    // go-yaml accepts quoted scalars whose continuation lines are indented no deeper than
    // their key; the YAML library does not. Their leading spaces do not count, so indent them.
    const reindented = reindentQuotedContinuations(text);
    if (reindented !== undefined) {
      const retryLines = new LineCounter();
      const retry = parseDocuments(reindented, retryLines, file);
      if (!retry.some((d) => d.errors.some((e) => e.code !== 'BAD_DQ_ESCAPE'))) {
        text = reindented;
        lines = retryLines;
        docs = retry;
      }
    }
  }
  if (docs.length > limits.maxDocumentsPerFile) {
    throw new UserError(`more than ${limits.maxDocumentsPerFile} YAML documents in one file`, { location: { file, line: 1 } });
  }
  if ((options.dialect ?? 'yaml12') === 'yaml12' && docs.some(hasDirectives)) {
    const line = directiveBeforeDocumentStart(text);
    if (line !== undefined) {
      throw new UserError(
        'invalid YAML: did not find expected <document start> (kustomize reads each document on its own, so a %YAML or %TAG directive there is an error)',
        { location: { file, line } },
      );
    }
  }
  const out: ParsedDocument[] = [];
  const comments: Comment[] = collectComments(text);
  docs.forEach((doc, index) => {
    // Escapes in double-quoted scalars are decoded again with go-yaml's rules (scalarValue).
    const err = doc.errors.find((e) => e.code !== 'BAD_DQ_ESCAPE');
    if (err) {
      const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
      // The parser gives up on absurd nesting by running out of stack; say what it means.
      const message = /call stack/i.test(err.message)
        ? `YAML nesting deeper than ${limits.maxDepth} levels`
        : `invalid YAML: ${firstLine(err.message)}`;
      throw new UserError(message, { location: { file, line: pos.line, column: pos.col } });
    }
    const state: ConvertState = {
      file,
      text,
      lines,
      doc,
      dialect: options.dialect ?? 'yaml12',
      uniqueKeys: options.uniqueKeys ?? true,
      annotationsAsText: options.annotationsAsText ?? false,
      metadataAsStrings: options.metadataAsStrings ?? false,
      flowEmptyIsNull: options.flowEmptyIsNull ?? false,
      aliasBudget: limits.maxAliasExpansion,
      aliasByteBudget: limits.maxAliasExpansionBytes,
      blockIndent: -1,
    };
    const contents = doc.contents as YamlNode | null;
    const startOffset = contents?.range?.[0] ?? doc.range[0];
    const start = lines.linePos(startOffset);
    const endLine = lines.linePos(Math.max(doc.range[1] - 1, doc.range[0])).line;
    const value = contents ? convert(contents, state, 0, []) : null;
    out.push({ value, location: { file, line: start.line }, endLine, index });
  });
  return { file, docs: out, comments };
}

const lexerControlTokens = new Set(['\x02', '\x18', '\x1f']);
const scalarTokens = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar', 'alias']);

/**
 * Refuses a file with more scalars (keys, values, aliases) than `maxNodesPerFile` before the
 * YAML library builds its node tree, which costs several hundred bytes per scalar. The lexer
 * streams and keeps nothing; a file shorter than twice the limit cannot hold that many.
 */
function checkNodeCount(text: string, file: string): void {
  if (text.length <= 2 * limits.maxNodesPerFile) return;
  let scalars = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (scalarTokens.has(CST.tokenType(token) ?? '') && ++scalars > limits.maxNodesPerFile) {
      let line = 1;
      for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
      throw new UserError(`more than ${limits.maxNodesPerFile} YAML keys and values in one file`, { location: { file, line } });
    }
    // The lexer also yields one-character control tokens that are not in the text.
    if (!lexerControlTokens.has(token)) offset += token.length;
  }
}

function parseDocuments(text: string, lines: LineCounter, file: string): Document.Parsed[] {
  try {
    const docs = parseAllDocuments(text, {
      lineCounter: lines,
      schema: 'failsafe',
      uniqueKeys: false,
      strict: false,
      prettyErrors: false,
      keepSourceTokens: false,
    }) as Document.Parsed[] | Document.Parsed;
    return Array.isArray(docs) ? docs : [docs];
  } catch (e) {
    const message = /call stack/i.test((e as Error).message)
      ? `YAML nesting deeper than ${limits.maxDepth} levels`
      : `cannot parse YAML: ${(e as Error).message}`;
    throw new UserError(message, { location: { file, line: 1 } });
  }
}

function hasDirectives(doc: Document.Parsed): boolean {
  return doc.directives.yaml.explicit === true || Object.keys(doc.directives.tags).some((handle) => handle !== '!!');
}

/**
 * Kustomize splits a resource file at its `---` lines and parses each piece on its own, so a
 * directive ends up in a piece with no `---` after it and go-yaml fails; only a directive after
 * a `...` end marker in the same piece survives. The line of the first failing directive.
 */
function directiveBeforeDocumentStart(text: string): number | undefined {
  const lines = text.split('\n');
  let afterEndMarker = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^---(?:[ \t\r]|$)/.test(line)) afterEndMarker = false;
    else if (/^\.\.\.(?:[ \t\r]|$)/.test(line)) afterEndMarker = true;
    else if (line.startsWith('%') && !afterEndMarker) return i + 1;
  }
  return undefined;
}

function isMissingClosingQuote(e: { code: string; message: string }): boolean {
  return e.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(e.message);
}

/**
 * The text with every continuation line of a multi-line quoted scalar indented one column past
 * the opening quote (lines are neither added nor removed, so line numbers stay). Undefined when
 * nothing changed. Block scalars and comments are skipped; this is only a retry for text the
 * YAML library refused.
 */
export function reindentQuotedContinuations(text: string): string | undefined {
  const lines = text.split('\n');
  let changed = false;
  let blockIndent = -1; // inside a block scalar whose header line has this indentation
  let resume: { line: number; column: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indentation = line.length - line.trimStart().length;
    let c = 0;
    let previous = ''; // last significant character outside scalars on this line ('x' in plain text)
    if (resume && resume.line === i) {
      c = resume.column;
      previous = '"';
      resume = undefined;
    } else if (blockIndent >= 0) {
      if (line.trim() === '' || indentation > blockIndent) continue;
      blockIndent = -1;
    }
    for (; c < line.length; c++) {
      const ch = line[c]!;
      if (ch === ' ' || ch === '\t') continue;
      if (ch === '#' && (c === 0 || line[c - 1] === ' ' || line[c - 1] === '\t')) break;
      const afterIndicator = (previous === ':' || previous === '-' || previous === '?') && (line[c - 1] === ' ' || line[c - 1] === '\t');
      const tokenStart = previous === '' || afterIndicator || previous === '[' || previous === '{' || previous === ',';
      if ((ch === '|' || ch === '>') && tokenStart && /^[|>][1-9+-]*[ \t]*(#.*)?\r?$/.test(line.slice(c))) {
        blockIndent = indentation;
        break;
      }
      if ((ch === '"' || ch === "'") && tokenStart) {
        const end = findClosingQuote(lines, i, c + 1, ch);
        if (end === undefined) return changed ? lines.join('\n') : undefined;
        if (end.line === i) {
          c = end.column;
          previous = ch;
          continue;
        }
        const pad = ' '.repeat(c + 1);
        let endColumn = end.column;
        for (let k = i + 1; k <= end.line; k++) {
          const original = lines[k]!;
          const stripped = original.replace(/^[ \t]*/, '');
          const next = stripped === '' || stripped === '\r' ? stripped : pad + stripped;
          if (k === end.line) endColumn = end.column - (original.length - stripped.length) + (next.length - stripped.length);
          if (next !== original) {
            lines[k] = next;
            changed = true;
          }
        }
        // Scan the rest of the closing line after its quote.
        resume = { line: end.line, column: endColumn + 1 };
        i = end.line - 1;
        break;
      }
      previous = tokenStart || ':,[]{}-?'.includes(ch) ? ch : 'x';
    }
  }
  return changed ? lines.join('\n') : undefined;
}

/** Line and column of the quote that closes a scalar opened before (line, column). */
function findClosingQuote(lines: string[], line: number, column: number, quote: string): { line: number; column: number } | undefined {
  for (let l = line; l < lines.length && l < line + 10_000; l++) {
    const text = lines[l]!;
    for (let c = l === line ? column : 0; c < text.length; c++) {
      const ch = text[c];
      if (quote === '"' && ch === '\\') {
        c++;
        continue;
      }
      if (ch === quote) {
        if (quote === "'" && text[c + 1] === "'") {
          c++;
          continue;
        }
        return { line: l, column: c };
      }
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function collectComments(text: string): Comment[] {
  const out: Comment[] = [];
  if (!text.includes('#')) return out;
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    const hash = line.indexOf('#');
    if (hash < 0) continue;
    // A comment starts a line or follows whitespace; `#` inside a scalar does not count.
    const m = /(?:^|\s)#(.*)$/.exec(line);
    if (m) out.push({ line: i + 1, text: m[1]!.trim() });
  }
  return out;
}

function locOf(node: YamlNode | undefined, state: ConvertState): Location {
  const offset = node?.range?.[0] ?? 0;
  const p = state.lines.linePos(offset);
  return { file: state.file, line: p.line, column: p.col };
}

function fail(message: string, node: YamlNode | undefined, state: ConvertState): never {
  throw new UserError(message, { location: locOf(node, state) });
}

/**
 * go-yaml (as the YAML spec allows) gives up on an implicit key when its `:` comes more than
 * 1,024 characters after the key's start, and then fails with "mapping values are not allowed
 * in this context"; the YAML library reads any length. Explicit `? key` entries have no limit.
 */
function checkImplicitKeyLength(keyNode: YamlNode, state: ConvertState): void {
  const start = keyNode.range?.[0];
  if (start === undefined) return;
  const text = state.text;
  let colon = keyNode.range![1];
  while (colon < text.length && (text[colon] === ' ' || text[colon] === '\t')) colon++;
  if (colon - start <= 1024 || text[colon] !== ':') return;
  let before = start - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  if (text[before] === '?') return;
  // go-yaml counts characters, not UTF-16 units.
  let chars = 0;
  for (const _ of text.slice(start, colon)) if (++chars > 1024) break;
  if (chars > 1024) fail('invalid YAML: mapping values are not allowed in this context (an implicit key longer than 1024 characters)', keyNode, state);
}

function convert(node: YamlNode, state: ConvertState, depth: number, path: string[]): Value {
  if (depth > limits.maxDepth) fail(`YAML nesting deeper than ${limits.maxDepth} levels`, node, state);
  if (isAlias(node)) return convertAlias(node, state, depth, path);
  if (isScalar(node)) return convertScalar(node, state, path);
  // kustomize rebuilds annotations from the scalars' text; a mapping or sequence there becomes "".
  if (path.length === 3 && isAnnotationsPath(state, path.slice(0, 2))) return '';
  if (isYamlMap(node)) return convertPairs(node.items, node.flow === true, node, state, depth, path);
  if (isSeq(node)) {
    const seq: Value[] = [];
    const where = locOf(node, state);
    setSelfOrigin(seq, where);
    // Items of a top-level `items` list (kind: List) are objects of their own; anything deeper
    // is not an object's top-level metadata.
    const itemPath = path.length === 1 && path[0] === 'items' ? [] : ['[]'];
    const outerIndent = state.blockIndent;
    if (!node.flow) state.blockIndent = where.column! - 1;
    node.items.forEach((item, i) => {
      const itemNode = item as YamlNode | null;
      let value: Value = null;
      // `[a: 1]` holds a single-pair mapping.
      if (isPair(itemNode)) value = convertPairs([itemNode], true, node, state, depth + 1, itemPath);
      else if (itemNode) value = convert(itemNode, state, depth + 1, itemPath);
      seq.push(value);
      setEntryOrigin(seq, i, locOf((isPair(itemNode) ? (itemNode.key as YamlNode) : itemNode) ?? node, state));
    });
    state.blockIndent = outerIndent;
    return seq;
  }
  if (isPair(node)) fail('unexpected key/value pair', node as unknown as YamlNode, state);
  fail('unsupported YAML node', node, state);
}

/** An empty plain scalar: what the YAML library leaves for `key:` with nothing after it. */
function isEmptyPlain(node: YamlNode | null): boolean {
  return !node || (isScalar(node) && node.type === 'PLAIN' && node.source === '' && !node.tag);
}

function convertPairs(
  pairs: ReadonlyArray<Pair<unknown, unknown>>,
  flow: boolean,
  node: YamlNode,
  state: ConvertState,
  depth: number,
  path: string[],
): ValueMap {
  const map = newMap();
  const where = locOf(node, state);
  setSelfOrigin(map, where);
  const seenAt = new Map<string, number>();
  const merges: YamlNode[] = [];
  const outerIndent = state.blockIndent;
  if (!flow) state.blockIndent = where.column! - 1;
  for (const pair of pairs) {
    const keyNode = pair.key as YamlNode | null;
    if (keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
      if (pair.value) merges.push(pair.value as YamlNode);
      continue;
    }
    if (keyNode) checkImplicitKeyLength(keyNode, state);
    const key = convertKey(keyNode, state, depth, path);
    if (isAnnotationsPath(state, path)) checkAnnotationKey(key, keyNode ?? node, state);
    const keyLoc = locOf(keyNode ?? undefined, state);
    // Annotations are read through a Go map, where a repeated key is no error and the last wins.
    const rebuilt = isRebuiltMetadataMap(state, path);
    const repeatedInResourceAnnotations = seenAt.has(key) && rebuilt && state.uniqueKeys === true && state.annotationsAsText && !state.metadataAsStrings;
    if (seenAt.has(key) && state.uniqueKeys === true && !(rebuilt && state.annotationsAsText)) {
      fail(`mapping key "${key}" already defined at line ${seenAt.get(key)}`, keyNode ?? node, state);
    }
    let shadowed: RepeatedKey | undefined;
    if (seenAt.has(key) && state.uniqueKeys === 'first' && !(rebuilt && state.metadataAsStrings)) {
      shadowed = mapsRepeatingKeys.get(where) ?? { key, location: keyLoc, firstLine: seenAt.get(key)! };
      mapsRepeatingKeys.set(where, shadowed);
      // Elsewhere the later value is never read; a patch's annotations copied whole keep it.
      if (!rebuilt) continue;
    }
    if (!shadowed) seenAt.set(key, keyLoc.line);
    const valueNode = pair.value as YamlNode | null;
    const childPath = path.length < 3 ? [...path, key] : path;
    let value: Value;
    if (isAnnotationsPath(state, childPath) && valueNode && !isYamlMap(valueNode)) {
      value = annotationsFromOtherNode(valueNode, state, depth + 1, childPath);
    } else if (flow && isEmptyPlain(valueNode) && !state.flowEmptyIsNull) {
      // kustomize reads a missing value in a flow mapping (`{a, b}`, `{a: }`) as "", not null.
      value = '';
    } else {
      value = valueNode ? convert(valueNode, state, depth + 1, childPath) : nullOrEmptyAnnotation(state, path);
    }
    if (isAnnotationsPath(state, childPath) && isEmptyMapping(value)) {
      // kustomize removes an empty or null annotations map when it rebuilds it.
      delete map[key];
      continue;
    }
    if (shadowed) {
      (shadowed.lastValues ??= []).push({ key, value, location: keyLoc });
      if (isAnnotationsPath(state, path)) recordTypedAnnotation(valueNode, value, keyLoc, state, path);
      continue;
    }
    map[key] = value;
    setEntryOrigin(map, key, keyLoc);
    const tag = valueNode?.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) localTags.set(keyLoc, tag);
    if (repeatedInResourceAnnotations) {
      // kustomize keeps both entries; its transformers change the first, and it prints the last.
      const info = mapsRepeatingKeys.get(where) ?? { key, location: keyLoc, firstLine: seenAt.get(key)! };
      mapsRepeatingKeys.set(where, info);
      (info.lastValues ??= []).push({ key, value, location: keyLoc });
    }
    if (isAnnotationsPath(state, path)) recordTypedAnnotation(valueNode, value, keyLoc, state, path);
    // An annotation written `key:` is kept as "" but is still a bare key to a strategic merge.
    const bareAnnotation = value === '' && isAnnotationsPath(state, path) && !state.metadataAsStrings;
    if ((value === null || bareAnnotation) && isEmptyPlain(valueNode)) {
      keysWithoutValue.add(keyLoc);
    }
    if (valueNode && isScalar(valueNode) && valueNode.type !== 'PLAIN') keysWithQuotedValue.add(keyLoc);
    // Labels and annotations a legacy patch loads are strings, as if quoted.
    else if (state.metadataAsStrings && isAnnotationsPath(state, path)) keysWithQuotedValue.add(keyLoc);
    else if (valueNode && isScalar(valueNode) && valueNode.type === 'PLAIN' && value !== null && typeof value !== 'object' && typeof value !== 'string') {
      const source = String(valueNode.source ?? '');
      if (source !== String(value)) plainTextOfTypedValue.set(keyLoc, source);
    }
  }
  state.blockIndent = outerIndent;
  for (const m of merges) applyMerge(map, m, state, depth, path);
  return map;
}

function recordTypedAnnotation(valueNode: YamlNode | null, text: Value, keyLoc: Location, state: ConvertState, path: string[]): void {
  if (typeof text !== 'string' || state.metadataAsStrings) return;
  let typed: Value;
  if (isEmptyPlain(valueNode)) typed = null;
  else if (valueNode && isScalar(valueNode) && (valueNode.type === 'PLAIN' || valueNode.tag)) {
    try {
      typed = scalarValue(valueNode, state, path, false);
    } catch (e) {
      if (e instanceof UserError) return;
      throw e;
    }
  } else return;
  if (typed !== text) typedAnnotationText.set(keyLoc, { text, value: typed });
}

/**
 * kustomize reads `metadata.annotations` field by field whatever its node kind: a scalar holds
 * no fields (the annotations disappear) and a sequence is read as alternating keys and values
 * (`[a, b]` is `{a: b}`). An odd count or a key that is not a scalar makes kustomize crash.
 */
function annotationsFromOtherNode(node: YamlNode, state: ConvertState, depth: number, path: string[]): Value {
  if (isAlias(node)) {
    const target = node.resolve(state.doc) as YamlNode | undefined;
    if (target && !isAlias(target)) return isYamlMap(target) ? convert(target, state, depth, path) : annotationsFromOtherNode(target, state, depth, path);
  }
  if (!isSeq(node)) return null;
  const items = node.items as Array<YamlNode | null>;
  if (items.length % 2 !== 0) {
    fail('metadata.annotations is a sequence with an odd number of items; kustomize cannot read it (it crashes)', node, state);
  }
  const map = newMap();
  setSelfOrigin(map, locOf(node, state));
  for (let i = 0; i < items.length; i += 2) {
    const keyNode = items[i] ?? null;
    if (!keyNode || !isScalar(keyNode)) {
      fail('metadata.annotations is a sequence whose keys are not all scalars; kustomize cannot read it (it crashes)', keyNode ?? node, state);
    }
    const key = String(scalarValue(keyNode, state, path, true));
    checkAnnotationKey(key, keyNode, state);
    const valueNode = items[i + 1] ?? null;
    map[key] = valueNode && isScalar(valueNode) ? scalarValue(valueNode, state, path, true) : '';
    setEntryOrigin(map, key, locOf(keyNode, state));
  }
  return map;
}

function isEmptyMapping(v: Value): boolean {
  return v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function annotationKeyReading(key: string): Value {
  try {
    return resolvePlain(key, 'yaml12');
  } catch {
    return null;
  }
}

/** Whether kustomize can rebuild an annotation with this key (it reads back as the same string). */
export function isUsableAnnotationKey(key: string): boolean {
  return key !== '' && annotationKeyReading(key) === key;
}

/**
 * kustomize writes rebuilt annotation keys without quotes and reads them back with YAML 1.2
 * rules, so a key such as "1" or "true" stops being a string and the build fails.
 */
function checkAnnotationKey(key: string, node: YamlNode, state: ConvertState): void {
  const resolved = annotationKeyReading(key);
  if (key !== '' && resolved === key) return;
  fail(
    `annotation key ${JSON.stringify(key)} is not usable: kustomize rewrites annotation keys unquoted, where this one reads as ${key === '' ? 'an empty key' : describe(resolved)} (kustomize fails with "json: unsupported type: map[interface {}]interface {}")`,
    node,
    state,
  );
}

function describe(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a timestamp';
  return `a ${typeof v === 'bigint' ? 'number' : typeof v}`;
}

function nullOrEmptyAnnotation(state: ConvertState, parentPath: string[]): Value {
  return isAnnotationsPath(state, parentPath) ? '' : null;
}

/** Metadata maps kustomize rebuilds from a Go map whatever the parse options (the last repeated key wins). */
function isRebuiltMetadataMap(state: ConvertState, path: string[]): boolean {
  if (path.length !== 2 || path[0] !== 'metadata') return false;
  return path[1] === 'annotations' || (state.metadataAsStrings && path[1] === 'labels');
}

function isAnnotationsPath(state: ConvertState, path: string[]): boolean {
  return state.annotationsAsText && isRebuiltMetadataMap(state, path);
}

/** YAML merge keys (`<<`): keys written explicitly in the mapping win over merged ones. */
function applyMerge(map: ValueMap, source: YamlNode, state: ConvertState, depth: number, path: string[]): void {
  const sources = isSeq(source) ? (source.items as YamlNode[]) : [source];
  for (const s of sources) {
    const v = convert(s, state, depth + 1, path);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      fail('map merge requires map or sequence of maps as the value', s, state);
    }
    for (const k of Object.keys(v)) {
      if (!Object.prototype.hasOwnProperty.call(map, k)) {
        map[k] = v[k]!;
        setEntryOrigin(map, k, locOf(s, state));
      }
    }
  }
}

/**
 * The node an alias refers to: the last node anchored with its name before it. The YAML
 * library's own `resolve` walks the whole document for every alias, which makes a file with
 * many aliases (`<<: *defaults` in every service) take quadratic time; the anchors are indexed
 * once per document instead.
 */
function resolveAlias(node: Alias, state: ConvertState): YamlNode | undefined {
  if (!state.anchors) {
    const anchors = new Map<string, { offset: number; node: YamlNode }[]>();
    visit(state.doc, (_key, n) => {
      if (isNode(n) && !isAlias(n) && n.anchor) {
        const list = anchors.get(n.anchor) ?? [];
        list.push({ offset: n.range?.[0] ?? 0, node: n as YamlNode });
        anchors.set(n.anchor, list);
      }
    });
    state.anchors = anchors;
  }
  const at = node.range?.[0] ?? Infinity;
  const candidates = state.anchors.get(node.source) ?? [];
  let found: YamlNode | undefined;
  for (const c of candidates) if (c.offset < at) found = c.node;
  return found;
}

function convertAlias(node: Alias, state: ConvertState, depth: number, path: string[]): Value {
  const target = resolveAlias(node, state);
  if (!target) fail(`unknown anchor "${node.source}"`, node, state);
  const copied = countNodes(target, state.aliasBudget + 1, state.aliasByteBudget + 1);
  state.aliasBudget -= copied.nodes;
  state.aliasByteBudget -= copied.chars;
  if (state.aliasBudget < 0) {
    fail(
      `YAML aliases expand to more than ${limits.maxAliasExpansion} extra nodes (alias bomb refused)`,
      node,
      state,
    );
  }
  if (state.aliasByteBudget < 0) {
    fail(
      `YAML aliases expand to more than ${limits.maxAliasExpansionBytes / 1024 / 1024} MiB of extra text (alias bomb refused)`,
      node,
      state,
    );
  }
  return convert(target, state, depth + 1, path);
}

/**
 * Counts the nodes an alias would copy and the characters of their scalar text, stopping once
 * either cap is reached: a few nodes can still hold a megabyte scalar each.
 */
function countNodes(node: YamlNode, nodeCap: number, charCap: number): { nodes: number; chars: number } {
  let nodes = 0;
  let chars = 0;
  const stack: unknown[] = [node];
  while (stack.length && nodes < nodeCap && chars < charCap) {
    const cur = stack.pop();
    nodes++;
    if (isYamlMap(cur)) for (const p of cur.items) stack.push(p.key, p.value);
    else if (isSeq(cur)) for (const it of cur.items) stack.push(it);
    else if (isAlias(cur)) nodes += 1; // nested aliases are charged again when expanded
    else if (isScalar(cur)) chars += cur.range ? cur.range[1] - cur.range[0] : String(cur.value ?? '').length;
  }
  return { nodes, chars };
}

function convertKey(node: YamlNode | null, state: ConvertState, depth: number, path: string[]): string {
  if (!node) fail('mapping key is empty (null); kustomize cannot use a null key', undefined, state);
  if (isScalar(node)) {
    const v = scalarValue(node, state, path, false);
    if (typeof v === 'string') {
      if (state.dialect === 'yaml12' && isTimestampKey(node)) {
        fail(
          `mapping key ${JSON.stringify(node.source)} reads as a timestamp; quote it (kustomize fails with "json: unsupported type: map[interface {}]interface {}")`,
          node,
          state,
        );
      }
      return v;
    }
    if (v === null) fail(`mapping key ${JSON.stringify(node.source ?? '')} is null; kustomize cannot use a null key`, node, state);
    // Kustomization files go through sigs.k8s.io/yaml, which turns int, float and bool keys into strings.
    if (state.dialect === 'yaml11') {
      const key = keyAsString11(v as Scalar, String(node.source ?? ''));
      if (key !== undefined) return key;
      fail(`mapping key ${JSON.stringify(node.source)} is too large (unsupported map key of type uint64)`, node, state);
    }
    // kustomize cannot render mappings whose keys are not strings (json: unsupported type)
    fail(
      `mapping key ${JSON.stringify(node.source)} is not a string; quote it (kustomize fails with "json: unsupported type: map[interface {}]interface {}")`,
      node,
      state,
    );
  }
  if (isAlias(node)) {
    const v = convertAlias(node, state, depth, path);
    if (typeof v === 'string') return v;
  }
  fail('complex mapping keys are not supported', node, state);
}

/** A key that go-yaml v3 decodes as a time (plain timestamp text, or tagged `!!timestamp`). */
function isTimestampKey(node: YamlScalar): boolean {
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:timestamp') return true;
  return node.type === 'PLAIN' && !tag && parseTimestamp(String(node.source ?? '')) !== undefined;
}

function convertScalar(node: YamlScalar, state: ConvertState, path: string[]): Value {
  const annotationValue = path.length === 3 && isAnnotationsPath(state, path.slice(0, 2));
  return scalarValue(node, state, path, annotationValue);
}

/** A double-quoted scalar's value decoded from its source with go-yaml's escape rules. */
function goDoubleQuotedValue(node: YamlScalar, state: ConvertState): string | undefined {
  const range = node.range;
  if (!range) return undefined;
  const raw = state.text.slice(range[0], range[1]);
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"' || !raw.includes('\\')) return undefined;
  return decodeDoubleQuoted(raw.slice(1, -1));
}

function scalarValue(node: YamlScalar, state: ConvertState, _path: string[], asText: boolean): Value {
  // `!!binary` arrives decoded as bytes; kustomize keeps those bytes as the string's content.
  let text =
    typeof node.value === 'string'
      ? node.value
      : node.value instanceof Uint8Array
        ? Buffer.from(node.value).toString('utf8')
        : node.value == null
          ? ''
          : String(node.value);
  const source = node.source !== undefined ? String(node.source) : text;
  if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) {
    // With an explicit indentation indicator the YAML library drops trailing lines of spaces
    // that go-yaml keeps; read those scalars again with go-yaml's rules.
    // So do scalars that end the file without a final line break: the YAML library adds the
    // break that clip and keep chomping would keep; go-yaml has none to keep.
    const endsFileWithoutBreak = !/[\r\n]$/.test(state.text) && state.text.slice(node.range[1]).trim() === '';
    if (/^[|>][+-]?[1-9]/.test(state.text.slice(node.range[0], node.range[0] + 3)) || endsFileWithoutBreak) {
      text = decodeBlockScalar(state.text, node.range[0], state.blockIndent) ?? text;
    }
  }
  if (node.type === 'QUOTE_DOUBLE') {
    try {
      text = goDoubleQuotedValue(node, state) ?? text;
    } catch (e) {
      if (e instanceof ScalarError) fail(e.message, node, state);
      throw e;
    }
  }
  if (asText) return node.value instanceof Uint8Array ? source : text;
  if (node.value instanceof Uint8Array) return text;
  if (node.type === 'BLOCK_FOLDED' && state.dialect === 'yaml12') {
    // go-yaml v3 keeps block style for text with tabs (v2, whose analysis this is, does not).
    text = foldedRoundTrip(text, (analyze(text.replace(/\t/g, 'x')) & BLOCK_ALLOWED) !== 0);
  }
  try {
    const tag = node.tag;
    if (tag && tag !== '!') {
      return resolveTagged(text, tag, state.dialect);
    }
    if (node.type !== 'PLAIN' || tag === '!') return text;
    return resolvePlain(source, state.dialect);
  } catch (e) {
    if (e instanceof ScalarError) fail(e.message, node, state);
    throw e;
  }
}
