// Semantic Versioning 2.0.0 precedence, as helm orders chart versions.

interface Parsed {
  core: number[];
  pre: string[];
}

const SEMVER =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(version: string): Parsed | undefined {
  const m = SEMVER.exec(version.trim());
  if (!m) return undefined;
  return {
    core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)],
    pre: m[4] ? m[4].split('.') : [],
  };
}

function comparePre(a: string[], b: string[]): number {
  // A version without pre-release fields ranks above one with them.
  if (!a.length || !b.length) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const [na, nb] = [/^\d+$/.test(a[i]), /^\d+$/.test(b[i])];
    if (na && nb && Number(a[i]) !== Number(b[i]))
      return Number(a[i]) - Number(b[i]);
    if (na !== nb) return na ? -1 : 1;
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** <0, 0, >0 as a ranks below, with, above b; undefined when either is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const [pa, pb] = [parse(a), parse(b)];
  if (!pa || !pb) return undefined;
  for (let i = 0; i < 3; i++) {
    if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i];
  }
  return comparePre(pa.pre, pb.pre);
}

export function isPrerelease(version: string): boolean {
  return (parse(version)?.pre.length ?? 0) > 0;
}
