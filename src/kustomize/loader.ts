/**
 * File access for one kustomization root, with kustomize's load restrictor: in RootOnly mode
 * every file read is made absolute, has all symlinks resolved, and must lie in or below the
 * (symlink-resolved) root. Remote locations are refused: prodgate never touches the network.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../core/errors.js';
import { noteInputRead } from '../input/files.js';
import { limits } from '../core/limits.js';
import type { Location } from '../core/location.js';
import { decodeYamlBytes } from '../yaml/parse.js';
import type { LoadRestrictor } from './index.js';
import type { FileLoader } from './types.js';

/** Shared by all loaders of one build: display root and the total-bytes budget. */
export interface LoadSession {
  displayRoot: string;
  restrictor: LoadRestrictor;
  bytesRead: number;
}

/** `https://…`, `git::…`, `github.com/…`, `git@host:…`, `ssh://…` and `?ref=` specs. */
export function looksRemote(path: string): boolean {
  return (
    /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path) ||
    /^git::/.test(path) ||
    /^[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+:/.test(path) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(path) ||
    /[?&](ref|version|timeout|submodules)=/.test(path) ||
    /\.git(\/\/|$|\?)/.test(path)
  );
}

export function isHttpUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

function within(child: string, root: string): boolean {
  return child === root || root === sep || child.startsWith(root + sep);
}

/** realpath that reports loops and missing files as UserErrors. */
export function realPath(abs: string, where?: Location): string {
  try {
    return realpathSync.native(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UserError(`too many levels of symbolic links: '${abs}'`, { location: where });
    throw e;
  }
}

export class RootFileLoader implements FileLoader {
  readonly root: string;
  /** Symlink-resolved root, for the restrictor. */
  readonly realRoot: string;

  constructor(
    root: string,
    readonly session: LoadSession,
  ) {
    this.root = root;
    this.realRoot = realPath(root);
  }

  display(absPath: string): string {
    const rel = relative(this.session.displayRoot, absPath);
    return rel === '' ? '.' : rel.split(sep).join('/');
  }

  /** The absolute, symlink-resolved path of a file, after the restrictor check. */
  resolveFile(path: string, where?: Location): { absPath: string; realPath: string } {
    if (looksRemote(path) && isHttpUrl(path)) {
      throw new UserError(`remote file '${path}' is not supported: prodgate never fetches from the network; vendor the file into the repository`, {
        location: where,
      });
    }
    const absPath = isAbsolute(path) ? resolve(path) : resolve(this.root, path);
    let real: string;
    try {
      real = realPath(absPath, where);
    } catch (e) {
      if (e instanceof UserError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new UserError(`file '${this.display(absPath)}' does not exist`, { location: where });
      }
      throw new UserError(`cannot read '${this.display(absPath)}': ${(e as Error).message}`, { location: where });
    }
    let isDir = false;
    try {
      isDir = statSync(real).isDirectory();
    } catch {
      /* reported by the read below */
    }
    if (isDir) throw new UserError(`'${this.display(absPath)}' must resolve to a file`, { location: where });
    if (this.session.restrictor === 'rootOnly' && !within(real, this.realRoot)) {
      throw new UserError(`security; file '${absPath}' is not in or below '${this.realRoot}'`, {
        location: where,
        hint: 'files must stay inside the kustomization directory (kustomize --load-restrictor LoadRestrictionsRootOnly)',
      });
    }
    return { absPath, realPath: real };
  }

  readBytes(path: string, where?: Location): { bytes: Buffer; absPath: string; displayPath: string } {
    const { absPath, realPath: real } = this.resolveFile(path, where);
    let size = 0;
    try {
      size = statSync(real).size;
    } catch {
      /* reported by the read */
    }
    if (size > limits.maxFileBytes) {
      throw new UserError(`file '${this.display(absPath)}' is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit`, {
        location: where,
      });
    }
    this.session.bytesRead += size;
    if (this.session.bytesRead > limits.maxTotalBytes) {
      throw new UserError(`input is larger than the ${limits.maxTotalBytes / 1024 / 1024} MiB total limit`, { location: where });
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(real);
    } catch (e) {
      throw new UserError(`cannot read '${this.display(absPath)}': ${(e as Error).message}`, { location: where });
    }
    noteInputRead(real);
    return { bytes, absPath, displayPath: this.display(absPath) };
  }

  /** A YAML file's text: kustomize refuses one whose bytes are not valid UTF-8. */
  readFile(path: string, where?: Location): { text: string; absPath: string; displayPath: string } {
    const { bytes, absPath, displayPath } = this.readBytes(path, where);
    return { text: decodeYamlBytes(bytes, displayPath), absPath, displayPath };
  }
}
