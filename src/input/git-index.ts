/**
 * Which files a Git repository tracks, read straight from `.git/index`.
 *
 * Repositories are untrusted, so prodgate never runs `git` inside one (a repository's own
 * config can make git run commands, e.g. through core.fsmonitor). The index format is simple
 * and documented: a header, then one entry per tracked path (versions 2, 3 and 4).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';

/** Longest path read from an entry: git's own paths stay far below; a crafted index could grow them without end. */
const MAX_PATH_CHARS = 4096;

/** The nearest directory at or above `start` that holds a `.git` directory, not above `stop`. */
export function findRepositoryRoot(start: string, stop?: string): string | undefined {
  let dir = path.resolve(start);
  const limit = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const git = path.join(dir, '.git');
    if (existsSync(git) && statSync(git).isDirectory()) return dir;
    if (limit !== undefined && dir === limit) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readWhole(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > limits.maxGitIndexBytes) {
      throw new UserError(`Git index larger than the ${limits.maxGitIndexBytes / 1024 / 1024} MiB limit; tracked files cannot be listed`, {
        location: { file, line: 1 },
      });
    }
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return buf;
  } catch (e) {
    if (e instanceof UserError) throw e;
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Paths (relative to the repository root, `/`-separated) tracked in `repoRoot/.git/index`, or
 * undefined when there is no readable index. A malformed index yields what could be read.
 */
export function readTrackedFiles(repoRoot: string): string[] | undefined {
  const buf = readWhole(path.join(repoRoot, '.git', 'index'));
  if (!buf || buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  const indexFile = path.join(repoRoot, '.git', 'index');
  // Version 4 entries repeat the previous path by reference: a few bytes each can make paths,
  // and the memory holding them, grow quadratically. Bound both and say so rather than run out.
  const tooLarge = (what: string) =>
    new UserError(`Git index ${what}; tracked files cannot be listed`, { location: { file: indexFile, line: 1 } });
  if (count > limits.maxGitIndexEntries) throw tooLarge(`lists ${count} entries, more than the ${limits.maxGitIndexEntries} limit`);
  let pathChars = 0;
  const out: string[] = [];
  let off = 12;
  let previous = '';
  for (let i = 0; i < count; i++) {
    const entryStart = off;
    // ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), object id (20)
    off += 8 + 8 + 6 * 4 + 20;
    if (off + 2 > buf.length) break;
    const flags = buf.readUInt16BE(off);
    off += 2;
    if (version >= 3 && flags & 0x4000) off += 2; // extended flags
    let name: string;
    if (version === 4) {
      // Prefix compression: a varint of bytes to drop from the previous path, then the suffix.
      let strip = 0;
      let byte: number;
      let first = true;
      do {
        if (off >= buf.length) return out;
        byte = buf[off++]!;
        strip = first ? byte & 0x7f : ((strip + 1) << 7) | (byte & 0x7f);
        first = false;
      } while (byte & 0x80);
      const end = buf.indexOf(0, off);
      if (end < 0) return out;
      name = previous.slice(0, Math.max(0, previous.length - strip)) + buf.toString('utf8', off, end);
      off = end + 1;
    } else {
      const end = buf.indexOf(0, off);
      if (end < 0) return out;
      name = buf.toString('utf8', off, end);
      // Entries are padded with NULs to a multiple of 8 bytes.
      const len = end - entryStart + 1;
      off = entryStart + Math.ceil(len / 8) * 8;
    }
    if (name.length > MAX_PATH_CHARS) throw tooLarge(`holds a path longer than ${MAX_PATH_CHARS} characters`);
    pathChars += name.length;
    if (pathChars > limits.maxGitIndexPathChars) throw tooLarge(`paths exceed ${limits.maxGitIndexPathChars / 1024 / 1024} Mi characters`);
    previous = name;
    out.push(name);
  }
  return out;
}
