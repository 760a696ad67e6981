/**
 * Reading the small side files of a run (`.prodgate.yaml`, baselines) as untrusted input, and
 * remembering every file a run reads so that its outputs never overwrite one of them.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';

/* ------------------------------------------------------------------------------------------ */
/* The run's input files, by device and inode (so hard links and symlinked paths match too).   */

let readLog: Set<string> | undefined;

const fileKey = (st: Stats): string => `${st.dev}:${st.ino}`;

/** Start remembering the files this run reads (the CLI does, once per command). */
export function startReadLog(): void {
  readLog = new Set();
}

/** Note that the run read this file (a no-op unless a read log was started). */
export function noteInputRead(file: string): void {
  if (!readLog) return;
  try {
    readLog.add(fileKey(statSync(file)));
  } catch {
    // A file that cannot be stat'ed cannot be overwritten by accident either.
  }
}

/** Did this run read the file at `file` (any path to it)? */
export function wasReadAsInput(file: string): boolean {
  if (!readLog) return false;
  try {
    return readLog.has(fileKey(statSync(file)));
  } catch {
    return false;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Bounded reads of side files.                                                                */

function within(child: string, root: string): boolean {
  return child === root || root === path.sep || child.startsWith(root + path.sep);
}

/**
 * The directory a file given as `file` may resolve into: the repository holding it (the nearest
 * directory at or above it with `.git`), else the current directory if the file lies in it,
 * else the file's own directory. Only symbolic links are constrained by this: a path that is
 * outside the repository as written is the caller's explicit choice.
 */
export function trustedRootOf(file: string, cwd: string = process.cwd()): string {
  const abs = path.resolve(cwd, file);
  let d = path.dirname(abs);
  for (;;) {
    if (existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  const dir = path.resolve(cwd);
  return within(abs, dir) ? dir : path.dirname(abs);
}

/** What a file that is not a regular file is, for error messages. */
export function fileKind(st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

export interface SideFileOptions {
  /** How messages name the file. */
  display: string;
  /** What the file is, for messages: "config file", "baseline". */
  what: string;
  maxBytes: number;
  /** Symbolic links must resolve inside this directory (default: `trustedRootOf(file)`). */
  root?: string;
}

/**
 * Read a small regular file under a size bound. Refuses symbolic links that lead out of the
 * repository, FIFOs and devices (a FIFO would block, `/dev/zero` never ends), and files past
 * `maxBytes` — counted while reading, since `/proc` files report size 0. Messages name the
 * file and never quote its contents.
 */
export function readSideFile(file: string, o: SideFileOptions): string {
  const cannot = (why: string) => new UserError(`cannot read ${o.what} ${o.display}: ${why}`);
  const abs = path.resolve(file);
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw cannot(code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'too many levels of symbolic links' : (code ?? 'unreadable'));
  }
  const root = o.root ?? trustedRootOf(abs);
  let realRoot = root;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    // The root exists whenever the file does; keep the lexical one otherwise.
  }
  if (real !== abs && !within(real, realRoot)) {
    throw cannot(`it is a symbolic link to a file outside ${root}; prodgate reads nothing outside the repository through links`);
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused below.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw cannot(code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable'));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw cannot(`it is ${fileKind(st)}, not a regular file`);
    const tooBig = () => cannot(`it is larger than the ${formatBytes(o.maxBytes)} limit`);
    if (st.size > o.maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw cannot((e as NodeJS.ErrnoException).code ?? 'read error');
      }
      if (n === 0) break;
      total += n;
      if (total > o.maxBytes) throw tooBig();
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    noteInputRead(real);
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
