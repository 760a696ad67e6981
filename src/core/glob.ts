import { compileRE2, type Matcher } from './regex.js';

/**
 * Glob patterns for config paths and waiver matchers: `*` (within one path segment), `**`
 * (any number of segments), `?`, `{a,b}` alternatives and `[...]` character classes.
 * Patterns are matched against `/`-separated relative paths or plain names.
 */
const cache = new Map<string, Matcher>();

/** Compiled with RE2 so that patterns like `*a*a*a*b` match in linear time; an invalid glob throws a UserError. */
export function globToRegExp(pattern: string): Matcher {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let re = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        i++;
        if (pattern[i + 1] === '/' && atSegmentStart) {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
    } else if (c === ',' && braceDepth > 0) {
      re += '|';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
      } else {
        let cls = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls}]`;
        i = end;
      }
    } else {
      re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  const compiled = compileRE2(`^${re}$`, undefined, `glob ${JSON.stringify(pattern)}`);
  cache.set(pattern, compiled);
  return compiled;
}

export function globMatch(pattern: string, subject: string): boolean {
  return globToRegExp(pattern).test(subject);
}

/** A path glob also matches everything below a matching directory (`overlays/dev` matches `overlays/dev/x.yaml`). */
export function pathGlobMatch(pattern: string, relPath: string): boolean {
  const p = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (globMatch(p, relPath)) return true;
  // `dir/**` names everything under dir and, as users mean it, dir itself (a kustomization root
  // there must not be rendered either).
  if (p.endsWith('/**') && pathGlobMatch(p.slice(0, -3), relPath)) return true;
  const parts = relPath.split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    if (globMatch(p, parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

/**
 * `*` as "any text, `/` included", every other character literal: the wildcards of image and
 * object-name matchers in `.prodgate.yaml`. Matched without regular expressions, greedily with
 * one backtrack point, so no pattern can take more than length × length steps.
 */
export function wildcardMatch(pattern: string, subject: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < subject.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === subject[s]) {
      p++;
      s++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = s;
    } else if (star >= 0) {
      p = star + 1;
      s = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
