// Summarizes a V8 .cpuprofile (written by `node --cpu-prof`) into what an optimizer needs first:
// self time by function, inclusive time by function, and self time by area (a server/ feature
// folder, an npm package, Node core, GC). Optionally only the samples inside a time window.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './children.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
  percent: number;
}

/** A named share to report: inclusive time under frames matching `frame`, or self time in `areas`. */
export interface ProfileFocus {
  label: string;
  frame?: RegExp;
  areas?: string[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled wall time inside the window, ms (idle included). */
  totalMs: number;
  /** Non-idle share of the window: how busy the main thread was. */
  busyPercent: number;
  /**
   * The longest stretch of consecutive busy samples: an upper bound on how long the event loop
   * went without polling for I/O (one long task, or several queued back to back).
   */
  longestBusyMs: number;
  selfByFunction: ProfileEntry[];
  inclusiveByFunction: ProfileEntry[];
  selfByArea: ProfileEntry[];
  /** The `focus` shares asked for, in the order asked. */
  focus: ProfileEntry[];
}

const SPECIAL = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

function relativeUrl(url: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

function functionKey(node: ProfileNode, parent: ProfileNode | undefined): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (SPECIAL.has(functionName)) return functionName;
  const name = functionName || '(anonymous)';
  if (url === '') {
    // Native code (a builtin or an addon such as better-sqlite3): name it by its JS caller.
    const caller = parent ? functionKey(parent, undefined) : '?';
    return `${name} [native, from ${caller}]`;
  }
  // tsx's transformed modules report most functions on line 1: only a real line is worth printing.
  return lineNumber > 0 ? `${name} ${relativeUrl(url)}:${lineNumber + 1}` : `${name} ${relativeUrl(url)}`;
}

function areaOf(node: ProfileNode, parent: ProfileNode | undefined): string {
  const { functionName, url } = node.callFrame;
  if (SPECIAL.has(functionName)) return functionName;
  if (url === '') return parent ? areaOf(parent, undefined) : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const file = relativeUrl(url);
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

function top(map: Map<string, number>, totalMs: number, count: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, percent: totalMs > 0 ? (100 * us) / 1000 / totalMs : 0 }));
}

/**
 * `window` is in the profile's clock, microseconds: V8's TimeTicks, which on Linux is
 * CLOCK_MONOTONIC, the clock of `process.hrtime` (so the runner can pass hrtime µs). A window
 * that misses the profile entirely falls back to the whole profile.
 */
export function summarizeCpuProfile(
  file: string,
  options: { window?: { fromUs: number; toUs: number }; count?: number; focus?: ProfileFocus[] } = {},
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const count = options.count ?? 15;
  const byId = new Map<number, ProfileNode>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const parentNode = (id: number) => {
    const parent = parentOf.get(id);
    return parent === undefined ? undefined : byId.get(parent);
  };

  // Sample i lasts until sample i + 1 (timeDeltas[i + 1]).
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) {
    t += delta;
    times.push(t);
  }
  let from = options.window?.fromUs ?? Number.NEGATIVE_INFINITY;
  let to = options.window?.toUs ?? Number.POSITIVE_INFINITY;
  if (to < profile.startTime || from > profile.endTime) {
    from = Number.NEGATIVE_INFINITY;
    to = Number.POSITIVE_INFINITY;
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  const focus = options.focus ?? [];
  const focusUs = focus.map(() => 0);
  let totalUs = 0;
  let idleUs = 0;
  let busyRunUs = 0;
  let longestBusyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i] as number;
    if (at < from || at > to) continue;
    const duration = i + 1 < profile.timeDeltas.length ? (profile.timeDeltas[i + 1] as number) : 0;
    const node = byId.get(profile.samples[i] as number);
    if (!node || duration <= 0) continue;
    totalUs += duration;
    const parent = parentNode(node.id);
    const key = functionKey(node, parent);
    if (key === '(idle)') {
      idleUs += duration;
      busyRunUs = 0;
    } else {
      busyRunUs += duration;
      longestBusyUs = Math.max(longestBusyUs, busyRunUs);
    }
    self.set(key, (self.get(key) ?? 0) + duration);
    const area = areaOf(node, parent);
    areas.set(area, (areas.get(area) ?? 0) + duration);
    const seen = new Set<string>();
    for (let frame: ProfileNode | undefined = node; frame; frame = parentNode(frame.id)) {
      const frameKey = functionKey(frame, parentNode(frame.id));
      if (frameKey === '(root)' || seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + duration);
    }
    focus.forEach((f, index) => {
      const hit = f.areas ? f.areas.includes(area) : f.frame ? [...seen].some((k) => f.frame?.test(k)) : false;
      if (hit) focusUs[index] = (focusUs[index] as number) + duration;
    });
  }
  const totalMs = totalUs / 1000;
  // Percentages are of the busy (non-idle) time: what the optimizer can win back.
  const busyMs = (totalUs - idleUs) / 1000;
  self.delete('(idle)');
  areas.delete('(idle)');
  inclusive.delete('(idle)');
  return {
    file,
    totalMs,
    busyPercent: totalMs > 0 ? (100 * busyMs) / totalMs : 0,
    longestBusyMs: longestBusyUs / 1000,
    selfByFunction: top(self, busyMs, count),
    inclusiveByFunction: top(inclusive, busyMs, count),
    selfByArea: top(areas, busyMs, count),
    focus: focus.map((f, index) => {
      const ms = (focusUs[index] as number) / 1000;
      return { name: f.label, ms, percent: busyMs > 0 ? (100 * ms) / busyMs : 0 };
    }),
  };
}

/**
 * The main thread's .cpuprofile in `dir`: Node writes one per thread, named
 * `CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile`, and thread 0 is the main thread
 * (tsx's loader runs in a worker whose profile is almost all idle).
 */
export function findCpuProfile(dir: string, pid?: number): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs
    .readdirSync(dir)
    .filter((name) => /^CPU\.\d+\.\d+\.(\d+)\.0\.\d+\.cpuprofile$/.test(name))
    .filter((name) => pid === undefined || name.split('.')[3] === String(pid))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files[0];
}
