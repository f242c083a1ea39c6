/**
 * CPU time of a process tree from /proc (Linux), to show how the two shared
 * cores were split between the server and the load generator.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; fields start after its closing parenthesis.
    return raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = Number(statFields(pid)?.[1]);
    if (!Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found = [root];
  for (let index = 0; index < found.length; index += 1) {
    found.push(...(children.get(found[index]!) ?? []));
  }
  return found;
}

/** User + system CPU seconds used so far by the process and its children. */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of descendants(root)) {
    const fields = statFields(pid);
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the name).
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
