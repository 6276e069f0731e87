/** Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists where self time went, by function and by file. */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One hot spot: self time in ms and as a share of all sampled time. */
export interface HotSpot {
  /** `file function` (`file:line function` outside TypeScript sources), file relative to the repository */
  where: string;
  selfMs: number;
  /** percent of the profile's total sampled time */
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: HotSpot[];
  files: HotSpot[];
}

function shortUrl(url: string, root: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  return file.startsWith(root) ? path.relative(root, file) : file;
}

export function summariseProfile(profilePath: string, root: string, top: number): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(profilePath, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    totalUs += delta;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta);
  });
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfByNode) {
    const frame = nodes.get(id)!.callFrame;
    const file = shortUrl(frame.url, root);
    const name = frame.functionName || '(anonymous)';
    // tsx-transformed TypeScript reports generated-code lines, which mislead: name the file and function only
    const where = !frame.url ? name : file.endsWith('.ts') ? `${file} ${name}` : `${file}:${frame.lineNumber + 1} ${name}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, selfMs: Math.round(us / 100) / 10, percent: Math.round((us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), functions: rank(byFunction), files: rank(byFile) };
}
