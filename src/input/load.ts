/**
 * Inputs → estates.
 *
 * `prodgate check` accepts kustomization directories, plain manifest files or directories, and
 * `-` for a stream on stdin (`helm template … | prodgate check -`). A directory that is not a
 * kustomization is searched: every kustomization found in it that no other one includes
 * (the overlays, not their bases) becomes an estate of its own, and the plain manifests outside
 * kustomization trees form one more. Helm test hooks are left out: they are not production
 * workloads.
 */
import { lstatSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isatty } from 'node:tty';
import { isUserError, UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import { parseYaml, type ParsedFile } from '../yaml/parse.js';
import type { EnvFile, EstateInput, HelmSource, SourceFileInfo } from './types.js';
import { findRepositoryRoot, readTrackedFiles } from './git-index.js';
import type { Location } from '../core/location.js';
import { isMap, selfOrigin, type Value } from '../core/provenance.js';
import type { Resource } from '../core/resource.js';
import { fileKind } from './files.js';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Directories never searched for manifests. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', 'vendor_charts']);

export interface ReadOptions {
  /** Directory that reported file paths are relative to (default: the current directory). */
  root?: string;
  /** Reads standard input (tests pass text directly). */
  readStdin?: () => string;
  /** Paths (absolute) that searching a directory skips; paths given explicitly are always checked. */
  ignore?: (abs: string) => boolean;
}

/** One thing to render and judge: a kustomization, a set of manifest files, or stdin. */
export interface Target {
  input: EstateInput;
  /** Absolute path (directory or file); undefined for stdin. */
  abs?: string;
  /** Manifest files of a `manifests` target (absolute paths). */
  files?: string[];
  /**
   * Found by searching a directory rather than named: a run keeps going past such a target (or
   * one of its files) when it cannot be read, reporting it as an error instead of stopping.
   */
  searched?: boolean;
}

export function isKustomizationDir(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const p = path.join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not there
    }
  }
  return undefined;
}

function rel(root: string, p: string): string {
  const r = path.relative(root, p);
  return (r === '' ? '.' : r).split(path.sep).join('/');
}

/** Resolve command-line inputs to targets. */
export function discoverTargets(inputs: readonly string[], options: ReadOptions = {}): Target[] {
  const root = path.resolve(options.root ?? process.cwd());
  const targets: Target[] = [];
  let stdinSeen = false;
  for (const input of inputs.length ? inputs : ['.']) {
    if (input === '-') {
      if (stdinSeen) throw new UserError('`-` (standard input) can be given only once');
      stdinSeen = true;
      targets.push({ input: { type: 'stdin', path: '-' } });
      continue;
    }
    const abs = path.resolve(root, input);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new UserError(`symbolic link loop: ${input}`);
      if (code === 'ENOENT' && lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
        throw new UserError(`symbolic link to a missing file: ${input}`);
      }
      throw new UserError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or directory: ${input}` : `cannot read ${input}: ${code}`);
    }
    if (st.isFile()) {
      if (KUSTOMIZATION_FILE_NAMES.includes(path.basename(abs))) {
        targets.push({ input: { type: 'kustomize', path: rel(root, path.dirname(abs)) }, abs: path.dirname(abs) });
      } else {
        targets.push({ input: { type: 'manifests', path: rel(root, abs) }, abs, files: [abs] });
      }
      continue;
    }
    if (!st.isDirectory()) throw new UserError(`not a regular file or directory (${fileKind(st)}); refusing to read it: ${input}`);
    if (isKustomizationDir(abs)) {
      targets.push({ input: { type: 'kustomize', path: rel(root, abs) }, abs });
      continue;
    }
    const found = searchDirectory(abs, (p) => options.ignore?.(p) ?? false);
    if (found.kustomizations.length === 0 && found.manifests.length === 0) {
      const chart = statSync(path.join(abs, 'Chart.yaml'), { throwIfNoEntry: false })?.isFile();
      throw new UserError(`no kustomization or Kubernetes manifest (*.yaml, *.yml, *.json) found under ${input}`, {
        hint: chart ? `${input} is a Helm chart: check its rendered output with \`helm template … | prodgate check -\`` : undefined,
      });
    }
    for (const k of found.kustomizations) targets.push({ input: { type: 'kustomize', path: rel(root, k) }, abs: k, searched: true });
    if (found.manifests.length) {
      targets.push({ input: { type: 'manifests', path: rel(root, abs) }, abs, files: found.manifests, searched: true });
    }
  }
  return targets;
}

/**
 * Kustomization roots (those no other kustomization under `dir` includes) and plain manifest
 * files outside kustomization trees. Links to manifest files are followed when they stay inside
 * `dir`; links to directories are not followed (they would allow loops).
 */
function searchDirectory(dir: string, ignored: (abs: string) => boolean): { kustomizations: string[]; manifests: string[] } {
  const kustomizations: string[] = [];
  const manifests: string[] = [];
  let visited = 0;
  const walk = (d: string, insideKustomization: boolean) => {
    if (++visited > limits.maxKustomizations * 20) {
      throw new UserError(`too many directories under ${dir}`);
    }
    const isK = !!isKustomizationDir(d);
    if (isK) kustomizations.push(d);
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new UserError(`cannot read directory ${d}: ${(e as NodeJS.ErrnoException).code ?? ''}`);
    }
    // A Helm chart's templates are not YAML until rendered: check the rendered output via stdin.
    if (entries.some((e) => e.isFile() && e.name === 'Chart.yaml')) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (ignored(p)) continue;
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
        walk(p, insideKustomization || isK);
      } else if (!insideKustomization && !isK && MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith('.')) {
        if (e.isFile()) manifests.push(p);
        // `kubectl apply -f DIR` reads linked manifests: follow links that stay inside the
        // directory given, and name every other one rather than skip it.
        else if (e.isSymbolicLink()) manifests.push(followLink(p, boundary));
        else throw new UserError(`not a regular file (${fileKind(lstatSync(p))}); refusing to read it: ${p}`);
      }
    }
  };
  let boundary: string;
  try {
    boundary = realpathSync(dir);
  } catch (e) {
    throw new UserError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? ''}`);
  }
  walk(dir, false);
  const included = new Set<string>();
  for (const k of kustomizations) for (const ref of referencedPaths(k)) included.add(ref);
  return {
    kustomizations: kustomizations.filter((k) => !included.has(k)),
    // Files a kustomization uses (resources, patches…) are judged through its render, not alone.
    manifests: manifests.filter((m) => !included.has(m)),
  };
}

/**
 * The real path of a linked manifest, which must be a regular file inside `boundary` (the
 * directory given on the command line): escaping, dangling and looping links are errors.
 */
function followLink(link: string, boundary: string): string {
  let real;
  try {
    real = realpathSync(link);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UserError(`symbolic link loop: ${link}`);
    if (code === 'ENOENT') throw new UserError(`symbolic link to a missing file: ${link}`);
    throw new UserError(`cannot read ${link}: ${code ?? (e as Error).message}`);
  }
  const inside = path.relative(boundary, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    throw new UserError(`symbolic link points outside ${boundary}: ${link}`);
  }
  const st = statSync(real);
  if (!st.isFile()) throw new UserError(`symbolic link to something that is not a regular file (${st.isDirectory() ? 'a directory' : fileKind(st)}): ${link}`);
  return link;
}

/** Local files and directories a kustomization refers to (resources, bases, components, patches, …). */
function referencedPaths(dir: string): string[] {
  const file = isKustomizationDir(dir)!;
  let parsed: ParsedFile;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'), file, { dialect: 'yaml11', uniqueKeys: false });
  } catch {
    return []; // reported when the kustomization is rendered
  }
  const value = parsed.docs[0]?.value;
  if (!isMap(value)) return [];
  const entries: unknown[] = [];
  for (const field of ['resources', 'bases', 'components', 'patchesStrategicMerge', 'crds', 'configurations', 'generators', 'transformers', 'validators']) {
    const list = value[field];
    if (Array.isArray(list)) entries.push(...list);
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    const list = value[field];
    if (Array.isArray(list)) for (const item of list) if (isMap(item)) entries.push(item.path);
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('github.com/')) continue;
    out.push(path.resolve(dir, entry));
  }
  return out;
}

function readText(file: string, display: string): string {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UserError(`cannot read ${display}`);
  }
  // A FIFO, device or socket reports size 0 and may never end: refuse it without reading.
  if (!st.isFile()) throw new UserError(`not a regular file (${fileKind(st)}); refusing to read it`, { location: { file: display, line: 1 } });
  if (st.size > limits.maxFileBytes) {
    throw new UserError(`file is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit`, { location: { file: display, line: 1 } });
  }
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UserError(`cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return decodeText(bytes, display);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Manifests are UTF-8 text; anything else (a binary, an archive) is refused rather than read as mojibake. */
function decodeText(bytes: Uint8Array, display: string): string {
  const nul = bytes.indexOf(0);
  let text: string | undefined;
  try {
    if (nul < 0) text = utf8.decode(bytes);
  } catch {
    // not UTF-8
  }
  if (text === undefined) {
    const end = nul < 0 ? bytes.length : nul;
    let line = 1;
    for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
    throw new UserError(nul < 0 ? 'not UTF-8 text' : 'binary content (a NUL byte), not YAML or JSON', {
      location: { file: display, line: nul < 0 ? 1 : line },
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Documents of a manifest stream → objects (expanding `kind: List`), with their source info. */
/**
 * `helm template` writes `# Source: chart/templates/x.yaml` above each document. The comment
 * that stands between the previous document's end and a document's content names where that
 * document came from.
 */
function helmSourcesOf(parsed: ParsedFile): HelmSource[] {
  const out: HelmSource[] = [];
  let prevEnd = 0;
  let c = 0;
  for (const d of parsed.docs) {
    const end = Math.max(d.endLine, d.location.line);
    let source: { line: number; path: string } | undefined;
    for (; c < parsed.comments.length && parsed.comments[c]!.line <= end; c++) {
      const comment = parsed.comments[c]!;
      if (comment.line <= prevEnd || comment.line >= d.location.line) continue;
      const m = /^\s*#?\s*Source:\s*(\S.*?)\s*$/.exec(comment.text);
      if (m) source = { line: comment.line, path: m[1]! };
    }
    if (source && d.value !== null) out.push({ startLine: source.line, endLine: end, source: source.path });
    prevEnd = end;
  }
  return out;
}

function manifestObjects(
  parsed: ParsedFile,
  strict: boolean,
): { resources: Resource[]; info: SourceFileInfo } | undefined {
  const resources: Resource[] = [];
  const problems: Location[] = [];
  let prevEnd = 0;
  const documents: SourceFileInfo['documents'] = [];
  for (const d of parsed.docs) {
    documents.push({ startLine: prevEnd + 1, endLine: Math.max(d.endLine, d.location.line) });
    prevEnd = Math.max(d.endLine, d.location.line);
    if (d.value === null) continue;
    if (strict && looksLikeKustomization(d.value)) {
      throw new UserError('this is a kustomization, not a Kubernetes object', {
        location: d.location,
        hint: 'a kustomization names files relative to its directory: pass the directory instead',
      });
    }
    if (!looksLikeObject(d.value)) {
      problems.push(d.location);
      continue;
    }
    if (d.value.kind === 'List' && Array.isArray(d.value.items)) {
      for (const item of d.value.items) {
        if (looksLikeObject(item)) resources.push(named({ body: item, origin: fieldLine(item, d.location) }));
        else problems.push(d.location);
      }
      continue;
    }
    resources.push(named({ body: d.value, origin: d.location }));
  }
  if (problems.length && (strict || resources.length)) {
    throw new UserError('document is not a Kubernetes object (apiVersion and kind are required)', {
      location: problems[0],
    });
  }
  if (!resources.length && !strict) return undefined;
  if (!resources.length) {
    // Judging nothing would pass the gate: an empty stream usually means the renderer upstream failed.
    throw new UserError(
      parsed.file === '<stdin>' ? 'no Kubernetes objects on standard input' : 'no Kubernetes objects in this file',
      { location: { file: parsed.file, line: 1 } },
    );
  }
  const helmSources = helmSourcesOf(parsed);
  return { resources, info: { comments: parsed.comments, documents, ...(helmSources.length ? { helmSources } : {}) } };
}

/** Why a YAML file found in a directory holds nothing to judge (said in the run's summary). */
function skipReason(parsed: ParsedFile): string {
  const docs = parsed.docs.filter((d) => d.value !== null);
  if (docs.length === 0) return 'empty';
  const first = docs[0]!.value;
  if (isMap(first) && isMap(first.services)) return 'a Compose file, not Kubernetes manifests';
  if (isMap(first) && ('on' in first || 'jobs' in first || 'stages' in first)) return 'a CI configuration, not Kubernetes manifests';
  return 'no apiVersion and kind: not Kubernetes manifests';
}

/** The API server rejects an object without a name; judging it would report findings nobody can act on. */
function named(r: Resource): Resource {
  const metadata = isMap(r.body) ? r.body.metadata : undefined;
  const has = (key: string) => isMap(metadata) && typeof metadata[key] === 'string' && metadata[key] !== '';
  if (!has('name') && !has('generateName')) {
    const kind = String((r.body as Record<string, Value>).kind);
    const given = isMap(metadata) ? metadata.name : undefined;
    throw new UserError(
      given === undefined || given === null || given === '' ? `${kind} object has no metadata.name` : `${kind} object's metadata.name must be a string`,
      { location: r.origin },
    );
  }
  return r;
}

const KUSTOMIZATION_FIELDS = ['resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'configMapGenerator', 'secretGenerator'];

function looksLikeKustomization(v: Value): boolean {
  if (!isMap(v)) return false;
  if (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('kustomize.config.k8s.io/')) return true;
  return v.apiVersion === undefined && v.kind === undefined && KUSTOMIZATION_FIELDS.some((f) => Array.isArray(v[f]));
}

function fieldLine(item: Value, fallback: Location): Location {
  return (isMap(item) ? selfOrigin(item) : undefined) ?? fallback;
}

function looksLikeObject(v: Value): v is Record<string, Value> & { kind: string } {
  return isMap(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.apiVersion !== '' && v.kind !== '';
}

/** Source info (comments, document ranges) of files that carry inline waivers. */
function sourceInfoOf(root: string, relFile: string): SourceFileInfo | undefined {
  const abs = path.resolve(root, relFile);
  let text: string;
  try {
    if (statSync(abs).size > limits.maxFileBytes) return undefined;
    text = readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.includes('prodgate-waive')) return undefined;
  try {
    const parsed = parseYaml(text, relFile, { uniqueKeys: false });
    let prevEnd = 0;
    const documents = parsed.docs.map((d) => {
      const end = Math.max(d.endLine, d.location.line);
      const range = { startLine: prevEnd + 1, endLine: end };
      prevEnd = end;
      return range;
    });
    return { comments: parsed.comments, documents };
  } catch {
    return undefined;
  }
}

/** Files worth scanning for inline waivers in a kustomize render: object origins and YAML files of each kustomization directory. */
export function kustomizeSourceFiles(root: string, resources: Resource[], kustomizationFiles: readonly string[]): Map<string, SourceFileInfo> {
  const files = new Set<string>();
  for (const r of resources) files.add(r.origin.file);
  for (const file of kustomizationFiles) {
    const dir = path.resolve(root, path.dirname(file));
    const walk = (d: string, depth: number) => {
      if (depth > 4) return;
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(d, e.name);
        if (e.isFile() && MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) files.add(rel(root, p));
        else if (e.isDirectory() && !e.name.startsWith('.') && !isKustomizationDir(p)) walk(p, depth + 1);
      }
    };
    walk(dir, 0);
  }
  const out = new Map<string, SourceFileInfo>();
  for (const f of files) {
    const info = sourceInfoOf(root, f);
    if (info) out.set(f, info);
  }
  return out;
}

/**
 * The objects of a manifest or stdin target, with the source info of each file read. Kustomize
 * targets are rendered by the engine, not read here.
 */
/** A file read while searching a directory that held nothing to judge, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** An input a run could not read or render, kept instead of aborting the run (see `Target.searched`). */
export interface InputError {
  /** The target (kustomization root or searched directory) it belongs to. */
  target: string;
  message: string;
  location?: Location;
  hint?: string;
}

export function readManifestTarget(
  target: Target,
  options: ReadOptions = {},
): { resources: Resource[]; files: Map<string, SourceFileInfo>; skippedFiles: SkippedFile[]; errors: InputError[] } {
  const root = path.resolve(options.root ?? process.cwd());
  const resources: Resource[] = [];
  const files = new Map<string, SourceFileInfo>();
  if (target.input.type === 'stdin') {
    const text = (options.readStdin ?? readStdinSync)();
    const parsed = parseYaml(text, '<stdin>', { annotationsAsText: true });
    const got = manifestObjects(parsed, true)!;
    resources.push(...got.resources);
    files.set('<stdin>', got.info);
    return { resources, files, skippedFiles: [], errors: [] };
  }
  const skippedFiles: SkippedFile[] = [];
  const errors: InputError[] = [];
  const explicit = target.files!.length === 1 && target.abs === target.files![0];
  let total = 0;
  for (const f of target.files!) {
    const display = rel(root, f);
    const text = readText(f, display);
    total += text.length;
    if (total > limits.maxTotalBytes) {
      throw new UserError(`inputs exceed the ${limits.maxTotalBytes / 1024 / 1024} MiB total limit`, { location: { file: display, line: 1 } });
    }
    let parsed: ParsedFile;
    let got: ReturnType<typeof manifestObjects>;
    try {
      parsed = parseYaml(text, display, { annotationsAsText: true });
      got = manifestObjects(parsed, explicit);
    } catch (e) {
      // One broken file found while searching a directory does not hide the others' findings.
      if (!target.searched || !isUserError(e)) throw e;
      errors.push({ target: target.input.path, message: e.message, location: e.location ?? { file: display, line: 1 }, hint: e.hint });
      continue;
    }
    if (!got) {
      skippedFiles.push({ file: display, reason: skipReason(parsed) });
      continue;
    }
    resources.push(...got.resources);
    files.set(display, got.info);
  }
  return { resources, files, skippedFiles, errors };
}

/** Git-tracked `.env*` files of a target: beside its manifests, or in the directory of each kustomization file it rendered. */
export function targetEnvFiles(root: string, target: Target, kustomizationFiles: readonly string[]): EnvFile[] {
  return trackedEnvFiles(root, targetDirectories(root, target, kustomizationFiles));
}

function readStdinSync(): string {
  // Waiting on a terminal looks like a hang: `-` is for a pipe (`helm template … | prodgate check -`).
  if (isatty(0)) {
    throw new UserError('`-` reads manifests from standard input, but standard input is a terminal', {
      hint: 'pipe the manifests in, e.g. kubectl kustomize overlays/prod | prodgate check -',
    });
  }
  // Read in chunks and stop at the limit: `yes | prodgate check -` must not buffer gigabytes first.
  const max = limits.maxFileBytes;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let n;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe with nothing buffered yet: wait briefly and read again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new UserError(`cannot read standard input: ${code ?? (e as Error).message}`);
    }
    if (n === 0) break;
    total += n;
    if (total > max) {
      throw new UserError(`standard input is larger than the ${max / 1024 / 1024} MiB limit`, { location: { file: '<stdin>', line: 1 } });
    }
    chunks.push(chunk.subarray(0, n));
  }
  const bytes = Buffer.concat(chunks, total);
  return decodeText(bytes, '<stdin>');
}

/** Directories whose Git-tracked `.env*` files belong to this target. */
function targetDirectories(root: string, target: Target, kustomizationFiles: readonly string[]): string[] {
  if (target.input.type === 'stdin' || !target.abs) return [];
  if (target.input.type === 'kustomize') return kustomizationFiles.map((f) => path.dirname(path.resolve(root, f)));
  return [statSync(target.abs).isDirectory() ? target.abs : path.dirname(target.abs)];
}

const MAX_ENV_FILE_BYTES = 1024 * 1024;

function isDotenvName(base: string): boolean {
  const lower = base.toLowerCase();
  return lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env');
}

/**
 * Dotenv files (`.env`, `.env.*`, `*.env`) that Git tracks under `dirs`; rules decide which matter. The index is
 * read directly; git itself is never run inside an untrusted repository.
 */
function trackedEnvFiles(root: string, dirs: string[]): EnvFile[] {
  if (dirs.length === 0) return [];
  const repo = findRepositoryRoot(dirs[0]!);
  if (!repo) return [];
  const tracked = readTrackedFiles(repo);
  if (!tracked) return [];
  const prefixes = [...new Set(dirs.map((d) => path.resolve(d) + path.sep))];
  const out: EnvFile[] = [];
  for (const relPath of tracked) {
    if (!isDotenvName(relPath.slice(relPath.lastIndexOf('/') + 1))) continue;
    const abs = path.join(repo, ...relPath.split('/'));
    if (!prefixes.some((p) => abs.startsWith(p))) continue;
    const display = rel(root, abs);
    if (display.startsWith('..')) continue;
    try {
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > MAX_ENV_FILE_BYTES) continue;
      out.push({ file: display, text: readFileSync(abs, 'utf8') });
    } catch {
      // tracked but deleted from the work tree: nothing to judge
    }
  }
  return out;
}
