/** A place in a source file. `file` is relative to the root the estate was loaded from. */
export interface Location {
  file: string;
  line: number;
  column?: number;
}

export function formatLocation(loc: Location | null | undefined): string {
  if (!loc) return '<unknown>';
  return loc.column ? `${loc.file}:${loc.line}:${loc.column}` : `${loc.file}:${loc.line}`;
}
