/**
 * The kustomize-compatible emitter: writes values exactly as `kubectl kustomize` prints them.
 *
 * Kustomize turns each object into JSON, reads that back with go-yaml v2 (YAML 1.1) and writes
 * it with the go-yaml v2 encoder. This module reproduces that last stage as a small state
 * machine with the same state as the Go emitter (current column, whether the last thing written
 * was whitespace or indentation, the indent stack), because the layout decisions (where a
 * sequence starts, when a long line folds, whether a key needs `? `) all depend on that state.
 *
 * The JSON round trip also leaves marks that are reproduced here: NEL (U+0085) is written raw
 * in JSON and folded like a line break when read back, DEL, C1 controls and U+FFFE/U+FFFF are
 * rejected by the YAML reader, and numbers print as Go's JSON encoder and `%g` would.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, selfOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { formatGoShortestG, isNonStringPlain11 } from './scalars.js';

export { formatGoShortestG };

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
/** Keys longer than this many bytes (or multi-line) are written in the `? key` form. */
const SIMPLE_KEY_MAX_BYTES = 128;

/** One document (no leading `---`), ending with a newline. */
export function emitDocument(value: Value): string {
  const e = new Emitter();
  e.emitNode(value, ROOT, undefined, 0);
  e.writeIndent();
  return e.text();
}

/** A multi-document stream as kustomize writes it: documents joined by `---\n`. */
export function emitStream(values: Value[]): string {
  return values.map((v) => emitDocument(v)).join('---\n');
}

/**
 * Where a value sits: its container and key. Locations are looked up from provenance only when
 * an error has to name one, because the lookup is too costly to do for every value.
 */
type Parent = object | undefined;

function locate(parent: Parent, key: string | number): Location | undefined {
  if (!parent) return undefined;
  return entryOrigin(parent, key) ?? selfOrigin(parent);
}

interface NodeContext {
  /** The node is the value of a mapping entry (a sequence there is not indented). */
  readonly mapping: boolean;
  /** The node is a key written in the simple `key: value` form. */
  readonly simpleKey: boolean;
}

const ROOT: NodeContext = { mapping: false, simpleKey: false };
const SEQUENCE_ITEM: NodeContext = ROOT;
const MAPPING_VALUE: NodeContext = { mapping: true, simpleKey: false };
const SIMPLE_KEY: NodeContext = { mapping: true, simpleKey: true };
const COMPLEX_KEY: NodeContext = MAPPING_VALUE;

const enum Style {
  Plain,
  Single,
  Double,
  Literal,
}

/** What go-yaml's scalar analysis found out about a string, as bit flags. */
const MULTILINE = 1;
const BLOCK_PLAIN_ALLOWED = 2;
const SINGLE_QUOTED_ALLOWED = 4;
export const BLOCK_ALLOWED = 8;

class Emitter {
  /** Output pieces, joined once per document (a flat string is far cheaper to keep than a rope). */
  private readonly parts: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  text(): string {
    return this.parts.join('');
  }

  emitNode(value: Value, ctx: NodeContext, parent: Parent, key: string | number): void {
    if (value === null || value === undefined) return this.emitPlainScalar('null', ctx);
    switch (typeof value) {
      case 'string':
        return this.emitString(jsonRoundTrip(value, parent, key), ctx);
      case 'boolean':
        return this.emitPlainScalar(value ? 'true' : 'false', ctx);
      case 'number':
      case 'bigint':
        return this.emitPlainScalar(formatNumberAt(value, parent, key), ctx);
      case 'object':
        if (Array.isArray(value)) return this.emitSequence(value, ctx);
        return this.emitMapping(value);
      default:
        throw new UserError(`cannot render a value of type ${typeof value}`, { location: locate(parent, key) });
    }
  }

  private emitSequence(items: Value[], ctx: NodeContext): void {
    if (items.length === 0) return this.emitEmptyFlow('[', ']');
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (let i = 0; i < items.length; i++) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(items[i]!, SEQUENCE_ITEM, items, i);
    }
    this.popIndent();
  }

  private emitMapping(map: ValueMap): void {
    const { keys, rawKeys } = sortedKeys(map);
    if (keys.length === 0) return this.emitEmptyFlow('{', '}');
    this.increaseIndent(false, false);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const rawKey = rawKeys ? rawKeys.get(key)! : key;
      this.writeIndent();
      const analysis = analyze(key);
      if ((analysis & MULTILINE) === 0 && (key.length <= SIMPLE_KEY_MAX_BYTES / 3 || utf8Length(key) <= SIMPLE_KEY_MAX_BYTES)) {
        this.emitStringWith(key, analysis, SIMPLE_KEY);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitStringWith(key, analysis, COMPLEX_KEY);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(map[rawKey]!, MAPPING_VALUE, map, rawKey);
    }
    this.popIndent();
  }

  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private emitPlainScalar(text: string, ctx: NodeContext): void {
    this.increaseIndent(true, false);
    this.writePlain(text, !ctx.simpleKey);
    this.popIndent();
  }

  /** `s` has already been through jsonRoundTrip. */
  private emitString(s: string, ctx: NodeContext): void {
    this.emitStringWith(s, analyze(s), ctx);
  }

  private emitStringWith(s: string, analysis: number, ctx: NodeContext): void {
    // The encoder's choice: literal for multi-line text, double quotes for text that would read
    // back as another type, plain otherwise. The emitter then downgrades what the text forbids.
    let style: Style = s.includes('\n') ? Style.Literal : isNonStringPlain11(s) ? Style.Double : Style.Plain;
    if (ctx.simpleKey && analysis & MULTILINE) style = Style.Double;
    if (style === Style.Plain && (analysis & BLOCK_PLAIN_ALLOWED) === 0) style = Style.Single;
    if (style === Style.Plain && s.length === 0 && ctx.simpleKey) style = Style.Single;
    if (style === Style.Single && (analysis & SINGLE_QUOTED_ALLOWED) === 0) style = Style.Double;
    if (style === Style.Literal && ((analysis & BLOCK_ALLOWED) === 0 || ctx.simpleKey)) style = Style.Double;

    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case Style.Plain:
        this.writePlain(s, allowBreaks);
        break;
      case Style.Single:
        this.writeSingleQuoted(s, allowBreaks);
        break;
      case Style.Double:
        this.writeDoubleQuoted(s, allowBreaks);
        break;
      case Style.Literal:
        this.writeLiteral(s);
        break;
    }
    this.popIndent();
  }

  // --- low-level writer state, as in the Go emitter ---

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private putBreak(): void {
    this.parts.push('\n');
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.parts.push(spaces(indent - this.column));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) {
      this.parts.push(' ');
      this.column++;
    }
    this.parts.push(indicator);
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlain(s: string, allowBreaks: boolean): void {
    if (!this.whitespace) {
      this.parts.push(' ');
      this.column++;
    }
    // Plain text never holds line breaks or characters beyond U+FFFF (both rule plain out), so
    // a run of characters advances the column by its length.
    if (!allowBreaks || !s.includes(' ')) {
      this.parts.push(s);
      this.column += s.length;
    } else {
      const n = s.length;
      let spaces = false;
      let i = 0;
      while (i < n) {
        const space = s.indexOf(' ', i);
        const end = space < 0 ? n : space;
        if (end > i) {
          this.parts.push(s.slice(i, end));
          this.column += end - i;
          this.indention = false;
          spaces = false;
        }
        if (space < 0) break;
        if (!spaces && this.column > BEST_WIDTH && s.charCodeAt(space + 1) !== 32) {
          this.writeIndent();
        } else {
          this.parts.push(' ');
          this.column++;
        }
        spaces = true;
        i = space + 1;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1 && s.charCodeAt(i + 1) !== 32) {
          this.writeIndent();
        } else {
          this.parts.push(' ');
          this.column++;
        }
        spaces = true;
      } else if (isBreak(c)) {
        // Only U+2028/U+2029 reach here: LF selects a literal block, NEL was folded before.
        if (!breaks && c === 10) this.putBreak();
        this.parts.push(s[i]);
        this.column = 0;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 39) {
          this.parts.push("'");
          this.column++;
        }
        this.parts.push(s[i]);
        if (!isLowSurrogate(c)) this.column++;
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const n = s.length;
    // go-yaml v2 tests for a byte order mark at the start of the value rather than at each
    // character, so a value that starts with U+FEFF is escaped character by character.
    const escapeAll = s.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < n; i++) {
      const cp = s.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (escapeAll || !isPrintable(cp) || cp === 0xfeff || isBreak(cp) || cp === 34 || cp === 92) {
        const escape = escapeFor(cp);
        this.parts.push(escape);
        this.column += escape.length;
        spaces = false;
      } else if (cp === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (s.charCodeAt(i + 1) === 32) {
            this.parts.push('\\');
            this.column++;
          }
        } else {
          this.parts.push(' ');
          this.column++;
        }
        spaces = true;
      } else {
        this.parts.push(width === 2 ? s.slice(i, i + 2) : s[i]);
        this.column++;
        spaces = false;
      }
      i += width - 1;
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(s: string): void {
    this.writeIndicator('|', true, false, false);
    const first = s.codePointAt(0)!;
    if (first === 32 || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const chomp = chompIndicator(s);
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isBreak(c)) {
        if (c === 10) this.putBreak();
        else {
          this.parts.push(s[i]);
          this.column = 0;
        }
        i++;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        // Copy the rest of the line at once; block scalars never fold.
        let j = i;
        while (j < n && !isBreak(s.charCodeAt(j))) j++;
        const line = s.slice(i, j);
        this.parts.push(line);
        this.column += runeCount(line);
        this.indention = false;
        i = j;
      }
    }
  }
}

const SPACE_RUNS: string[] = [];
for (let n = 0; n <= 64; n++) SPACE_RUNS.push(' '.repeat(n));

function spaces(n: number): string {
  return n < SPACE_RUNS.length ? SPACE_RUNS[n]! : ' '.repeat(n);
}

function chompIndicator(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  if (!isBreak(last)) return '-';
  if (s.length === 1) return '+';
  return isBreak(s.charCodeAt(s.length - 2)) ? '+' : '';
}

/**
 * Strings made only of these characters need no character-by-character analysis: no spaces or
 * breaks, no indicator at the start, no `:` (the only later character that matters without
 * whitespace around it), nothing unprintable.
 */
const QUIET_STRING = /^[A-Za-z0-9_\/][!-9;-~]*$/;
const QUIET = BLOCK_PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED | BLOCK_ALLOWED;

const PRINTABLE_ASCII = /^[ -~]+$/;
const FIRST_CHARACTER_INDICATOR = /^(?:[#,[\]{}&*!|>'"%@`]|[?:-](?: |$)|---|\.\.\.)/;

/**
 * The same analysis for text of printable ASCII only: no line breaks or special characters, so
 * only the leading/trailing space and indicator rules remain.
 */
function analyzePrintableAscii(s: string): number {
  const n = s.length;
  const leadingSpace = s.charCodeAt(0) === 32;
  const trailingSpace = s.charCodeAt(n - 1) === 32;
  const blockIndicators =
    FIRST_CHARACTER_INDICATOR.test(s) || s.indexOf(': ', 1) > 0 || (n > 1 && s.charCodeAt(n - 1) === 58) || s.includes(' #');
  const blockPlainAllowed = !(leadingSpace || trailingSpace || blockIndicators);
  return (blockPlainAllowed ? BLOCK_PLAIN_ALLOWED : 0) | SINGLE_QUOTED_ALLOWED | (trailingSpace ? 0 : BLOCK_ALLOWED);
}

/**
 * go-yaml's scalar analysis as bit flags (only the block-context results matter: output never
 * uses flow style).
 */
export function analyze(s: string): number {
  if (s.length === 0) return BLOCK_PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED;
  if (s.length < 256 && QUIET_STRING.test(s)) return QUIET;
  if (PRINTABLE_ASCII.test(s)) return analyzePrintableAscii(s);
  return analyzeEachCharacter(s);
}

/** The analysis as go-yaml does it, character by character (exported to check the shortcuts). */
export function analyzeEachCharacter(s: string): number {
  if (s.length === 0) return BLOCK_PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED;
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;

  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;

  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.codePointAt(i)!;
    const width = c > 0xffff ? 2 : 1;
    const next = i + width < n ? s.charCodeAt(i + width) : -1;
    const followedByWhitespace = next === -1 || next === 32 || next === 9;
    if (i === 0) {
      switch (c) {
        case 35: // #
        case 44: // ,
        case 91: // [
        case 93: // ]
        case 123: // {
        case 125: // }
        case 38: // &
        case 42: // *
        case 33: // !
        case 124: // |
        case 62: // >
        case 39: // '
        case 34: // "
        case 37: // %
        case 64: // @
        case 96: // `
          blockIndicators = true;
          break;
        case 63: // ?
        case 58: // :
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 45: // -
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (c === 58 /* : */) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === 35 /* # */) {
      if (precededByWhitespace) blockIndicators = true;
    }

    if (!isPrintable(c)) specialCharacters = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (i + width === n) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i + width === n) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === 32 || c === 9 || c === 0 || isBreak(c);
    i += width - 1;
  }

  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return (
    (lineBreaks ? MULTILINE : 0) |
    (blockPlainAllowed ? BLOCK_PLAIN_ALLOWED : 0) |
    (singleQuotedAllowed ? SINGLE_QUOTED_ALLOWED : 0) |
    (blockAllowed ? BLOCK_ALLOWED : 0)
  );
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The characters go-yaml writes unescaped (tab, CR and everything above U+FFFF are not). */
function isPrintable(c: number): boolean {
  return (
    c === 10 ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

const NAMED_ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0xa0: '\\_',
  0x2028: '\\L',
  0x2029: '\\P',
};

function escapeFor(cp: number): string {
  const named = NAMED_ESCAPES[cp];
  if (named) return named;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    if (isLowSurrogate(s.charCodeAt(i))) n--;
  }
  return n;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Characters that need attention on the way through JSON and back (see jsonRoundTrip). */
const ROUND_TRIP_SENSITIVE = /[\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

/**
 * The string as go-yaml v2 reads it back from Go's JSON encoding. Unpaired surrogates become
 * U+FFFD; NEL is written raw into the JSON string and then folded like a line break inside a
 * double-quoted scalar; DEL, the other C1 controls, U+FFFE and U+FFFF are refused by the reader.
 */
function jsonRoundTrip(s: string, parent: Parent, key: string | number, isKey = false): string {
  if (!ROUND_TRIP_SENSITIVE.test(s)) return s;
  let out = '';
  let hasNel = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += '\ufffd';
    } else if (c === 0x85) {
      if (isKey) {
        // The raw line break turns the JSON key into a multi-line implicit key, which go-yaml rejects.
        throw new UserError(
          `mapping key ${JSON.stringify(s)} contains U+0085 (NEL), which kustomize cannot render ("did not find expected ',' or '}'")`,
          { location: locate(parent, key) },
        );
      }
      hasNel = true;
      out += s[i];
    } else if ((c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) {
      throw new UserError(
        `value contains the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}, which kustomize cannot render ("control characters are not allowed")`,
        { location: locate(parent, key), hint: 'remove the character or write the value another way (for example base64 in a Secret)' },
      );
    } else {
      out += s[i];
    }
  }
  if (!hasNel) return out;
  if (NEL_THEN_DOCUMENT_MARKER.test(out)) {
    // After the raw NEL the reader is at the start of a line, where `--- ` or `... ` ends a document.
    throw new UserError(
      `value contains U+0085 (NEL) followed by a document marker, which kustomize cannot render ("found unexpected document indicator")`,
      { location: locate(parent, key) },
    );
  }
  return foldNel(out);
}

const NEL_THEN_DOCUMENT_MARKER = /\u0085(?:---|\.\.\.)[ \u0085]/;

/**
 * Inside a double-quoted YAML scalar a raw line break, with the spaces around it, folds: one
 * break becomes a space, n breaks in a row become n-1 newlines.
 */
function foldNel(s: string): string {
  return s.replace(/ *\u0085[ \u0085]*/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * The mapping's keys as go-yaml v2 writes them, in its key order. `rawKeys` maps a written key
 * back to the key in `map` when the JSON round trip changed any key.
 */
function sortedKeys(map: ValueMap): { keys: string[]; rawKeys?: Map<string, string> } {
  let keys = Object.keys(map);
  // Like JSON, an entry whose value is undefined does not exist.
  for (const k of keys) {
    if (map[k] === undefined) {
      keys = keys.filter((key) => map[key] !== undefined);
      break;
    }
  }
  let rawKeys: Map<string, string> | undefined;
  for (const k of keys) {
    if (ROUND_TRIP_SENSITIVE.test(k)) {
      rawKeys = new Map();
      break;
    }
  }
  if (rawKeys) {
    // Two keys that became equal: JSON keeps both, the YAML reader keeps the last one.
    for (const k of keys) {
      const written = jsonRoundTrip(k, map, k, true);
      rawKeys.delete(written);
      rawKeys.set(written, k);
    }
    return { keys: [...rawKeys.keys()].sort(compareKeys), rawKeys };
  }
  // No key holds a surrogate (they are in ROUND_TRIP_SENSITIVE), so UTF-16 units are runes.
  if (keys.length > 1) keys.sort(compareUnits);
  return { keys };
}

// --- key order ---

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 48 && c <= 57;
  return DIGIT.test(String.fromCodePoint(c));
}

/**
 * go-yaml v2's key order: rune by rune; letters by code point, a non-letter before a letter,
 * and runs of digits by numeric value (see the research notes, section 3.2).
 * Returns a negative number when `a` sorts first.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // Below U+10000 a UTF-16 unit is a rune; only surrogate pairs need decoding first.
  if (!HAS_SURROGATE.test(a) && !HAS_SURROGATE.test(b)) return keyLess(a, b, unitAt) ? -1 : 1;
  return keyLess(codePoints(a), codePoints(b), pointAt) ? -1 : 1;
}

const HAS_SURROGATE = /[\ud800-\udfff]/;

function compareUnits(a: string, b: string): number {
  return keyLess(a, b, unitAt) ? -1 : 1;
}

type Runes = string | number[];
const unitAt = (s: Runes, i: number): number => (s as string).charCodeAt(i);
const pointAt = (s: Runes, i: number): number => (s as number[])[i]!;

/** Go's `keyList.Less` for two strings; integer arithmetic wraps like int64. */
function keyLess(a: Runes, b: Runes, at: (s: Runes, i: number) => number): boolean {
  const la = a.length;
  const lb = b.length;
  for (let i = 0; i < la && i < lb; i++) {
    const ca = at(a, i);
    const cb = at(b, i);
    if (ca === cb) continue;
    const al = isLetter(ca);
    const bl = isLetter(cb);
    if (al && bl) return ca < cb;
    if (al || bl) return bl;
    let start = 0;
    if (ca === 48 || cb === 48) {
      for (let j = i - 1; j >= 0 && isDigit(at(a, j)); j--) {
        if (at(a, j) !== 48) {
          start = 1;
          break;
        }
      }
    }
    let ai = i;
    while (ai < la && isDigit(at(a, ai))) ai++;
    let bi = i;
    while (bi < lb && isDigit(at(b, bi))) bi++;
    const an = digitRunValue(a, i, ai, start, at);
    const bn = digitRunValue(b, i, bi, start, at);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ca < cb;
  }
  return la < lb;
}

/**
 * Go accumulates `value*10 + (rune - '0')` in an int64 (wrapping on overflow, and with large
 * "digit" values for non-ASCII decimal digits). Short ASCII runs fit a double exactly.
 */
function digitRunValue(s: Runes, from: number, to: number, start: number, at: (s: Runes, i: number) => number): number | bigint {
  let ascii = to - from <= 14;
  for (let k = from; ascii && k < to; k++) if (at(s, k) > 57) ascii = false;
  if (ascii) {
    let v = start;
    for (let k = from; k < to; k++) v = v * 10 + (at(s, k) - 48);
    return v;
  }
  let v = BigInt(start);
  for (let k = from; k < to; k++) v = BigInt.asIntN(64, v * 10n + BigInt(at(s, k) - 48));
  // Keep one representation per comparison: small results compare equal to the double path.
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

// --- numbers ---

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function fitsInt64OrUint64(v: bigint): boolean {
  return v >= INT64_MIN && v <= UINT64_MAX;
}

/**
 * A number as kustomize prints it. Integers print as digits. A float is first written by Go's
 * JSON encoder (shortest digits, fixed notation below 1e21); if that text is an integer within
 * int64/uint64 it prints as that integer, otherwise as Go's shortest `%g` (`1e+21`, `1.5e-07`).
 */
function formatNumberAt(n: number | bigint, parent: Parent, key: string | number): string {
  if (typeof n === 'number' && !Number.isFinite(n)) return formatNumber(n, locate(parent, key));
  return formatNumber(n);
}

export function formatNumber(n: number | bigint, origin?: Location): string {
  if (typeof n === 'bigint') {
    if (fitsInt64OrUint64(n)) return n.toString();
    return formatNumber(Number(n), origin);
  }
  if (!Number.isFinite(n)) {
    const shown = Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
    throw new UserError(`json: unsupported value: ${shown} (infinity and NaN cannot be rendered)`, { location: origin });
  }
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    if (Number.isSafeInteger(n)) return n === 0 ? '0' : String(n);
    const digits = String(n);
    if (fitsInt64OrUint64(BigInt(digits))) return digits;
  }
  return formatGoShortestG(n);
}
