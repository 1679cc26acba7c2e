// The machine line every report starts with: numbers are only comparable on the same line.
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  date: string;
  /** Load average when the bench started: a busy shared machine explains odd rounds. */
  loadAverage: number[];
  fdLimit: string;
}

function readFdLimit(): string {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
    return line?.split(/\s{2,}/)[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function readMachine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {}
  return {
    cpu,
    cores: os.availableParallelism(),
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    fdLimit: readFdLimit(),
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpu} · ${m.cores} cores · ${m.ramGiB} GiB RAM · ${m.os} · Node ${m.node} · ${m.date.slice(0, 16).replace('T', ' ')} UTC`;
}
