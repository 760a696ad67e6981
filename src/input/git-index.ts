/**
 * Which files a Git repository tracks, read straight from `.git/index`.
 *
 * Repositories are untrusted, so prodgate never runs `git` inside one (a repository's own
 * config can make git run commands, e.g. through core.fsmonitor). The index format is simple
 * and documented: a header, then one entry per tracked path (versions 2, 3 and 4).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_INDEX_BYTES = 256 * 1024 * 1024;

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
    if (size > MAX_INDEX_BYTES) return undefined;
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return buf;
  } catch {
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
    previous = name;
    out.push(name);
  }
  return out;
}
