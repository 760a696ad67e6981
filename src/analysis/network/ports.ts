/**
 * Sets of ports per protocol, as unions of closed intervals. NetworkPolicy port rules (numbers,
 * ranges with endPort, named ports, protocol-only entries) all become such sets once named
 * ports are resolved against the destination pod's containers.
 */

export const protocols = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof protocols)[number];

export type Interval = [number, number];

export class PortSet {
  /** Sorted, non-overlapping, non-adjacent intervals per protocol. */
  private readonly ranges: Map<Protocol, Interval[]>;

  private constructor(ranges: Map<Protocol, Interval[]>) {
    this.ranges = ranges;
  }

  static empty(): PortSet {
    return new PortSet(new Map());
  }

  static all(): PortSet {
    return new PortSet(new Map(protocols.map((p) => [p, [[1, 65535] as Interval]])));
  }

  static of(protocol: Protocol, from: number, to = from): PortSet {
    if (to < from) return PortSet.empty();
    return new PortSet(new Map([[protocol, [[from, to] as Interval]]]));
  }

  isEmpty(): boolean {
    for (const list of this.ranges.values()) if (list.length > 0) return false;
    return true;
  }

  isAll(): boolean {
    return protocols.every((p) => {
      const list = this.ranges.get(p);
      return list?.length === 1 && list[0]![0] <= 1 && list[0]![1] >= 65535;
    });
  }

  has(protocol: Protocol, port: number): boolean {
    return (this.ranges.get(protocol) ?? []).some(([lo, hi]) => port >= lo && port <= hi);
  }

  intervals(protocol: Protocol): readonly Interval[] {
    return this.ranges.get(protocol) ?? [];
  }

  union(other: PortSet): PortSet {
    const out = new Map<Protocol, Interval[]>();
    for (const p of protocols) {
      const merged = normalize([...(this.ranges.get(p) ?? []), ...(other.ranges.get(p) ?? [])]);
      if (merged.length) out.set(p, merged);
    }
    return new PortSet(out);
  }

  intersect(other: PortSet): PortSet {
    const out = new Map<Protocol, Interval[]>();
    for (const p of protocols) {
      const a = this.ranges.get(p) ?? [];
      const b = other.ranges.get(p) ?? [];
      const res: Interval[] = [];
      for (const [alo, ahi] of a) {
        for (const [blo, bhi] of b) {
          const lo = Math.max(alo, blo);
          const hi = Math.min(ahi, bhi);
          if (lo <= hi) res.push([lo, hi]);
        }
      }
      const merged = normalize(res);
      if (merged.length) out.set(p, merged);
    }
    return new PortSet(out);
  }

  equals(other: PortSet): boolean {
    return protocols.every((p) => {
      const a = this.ranges.get(p) ?? [];
      const b = other.ranges.get(p) ?? [];
      return a.length === b.length && a.every((iv, i) => iv[0] === b[i]![0] && iv[1] === b[i]![1]);
    });
  }

  /** `TCP 6333`, `TCP 8000-8080, UDP 53`, or `all ports`. */
  toString(): string {
    if (this.isAll()) return 'all ports';
    if (this.isEmpty()) return 'no ports';
    const parts: string[] = [];
    for (const p of protocols) {
      const list = this.ranges.get(p) ?? [];
      if (list.length === 1 && list[0]![0] <= 1 && list[0]![1] >= 65535) parts.push(`${p} (all ports)`);
      else for (const [lo, hi] of list) parts.push(lo === hi ? `${p} ${lo}` : `${p} ${lo}-${hi}`);
    }
    return parts.join(', ');
  }
}

function normalize(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
