import { cpus, platform, release, totalmem } from 'node:os';

/** What the figures were measured on: they mean little without it. */
export function describeMachine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpu.length} cores, ${memory} GiB memory, ${platform()} ${release()}, node ${process.version}`;
}
