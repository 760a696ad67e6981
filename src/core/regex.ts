/**
 * Linear-time regular expressions for patterns from repositories (RE2, the engine kustomize and
 * the API server use). The WebAssembly module is loaded on first use only, so commands that need
 * no pattern (`--help`, `rules`) run where it cannot be instantiated (e.g. under `ulimit -v`).
 */
import { createRequire } from 'node:module';
import { UserError } from './errors.js';
import type { Location } from './location.js';

export interface Matcher {
  test(subject: string): boolean;
}

type RE2Ctor = new (pattern: string, flags?: string) => Matcher;

let loader: () => RE2Ctor = () => (createRequire(import.meta.url)('re2-wasm') as { RE2: RE2Ctor }).RE2;
let engine: RE2Ctor | undefined;

/** Replaces how the engine is loaded (tests make it unavailable). */
export function setRegexEngineLoader(load: () => RE2Ctor): void {
  loader = load;
  engine = undefined;
}

/** The RE2 constructor, loaded on first call; an engine that cannot load is an error at `where`. */
export function re2(where?: Location): RE2Ctor {
  if (engine) return engine;
  try {
    engine = loader();
  } catch (e) {
    throw new UserError(`cannot load the regular expression engine (re2-wasm): ${(e as Error).message.split('\n')[0]}`, { location: where });
  }
  return engine;
}

/** Compiles an RE2 pattern; a pattern RE2 rejects is an error at `where`. */
export function compileRE2(pattern: string, where: Location | undefined, what: string, flags = ''): Matcher {
  const RE2 = re2(where);
  try {
    return new RE2(pattern, `u${flags}`);
  } catch (e) {
    throw new UserError(`invalid regular expression ${JSON.stringify(pattern)} in ${what}: ${(e as Error).message.split('\n')[0]}`, { location: where });
  }
}
