/**
 * A PostgreSQL server of our own, for runs that restart it: `initdb` into a
 * temporary directory (trust auth, as the postgres user when run as root,
 * which initdb refuses to be), `pg_ctl start` on a free port with its socket
 * in that directory, `restart()` with a fast shutdown (clients are cut, as in
 * a failover), and `stop()` that removes everything.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server-process.js";

const run = promisify(execFile);

export interface PostgresInstance {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  /** Stops with a fast shutdown and starts again; resolves once it accepts connections. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Where initdb and pg_ctl are: on PATH, else Debian's versioned directory. */
function pgBin(tool: string): string {
  const onPath = (process.env.PATH ?? "")
    .split(":")
    .map((dir) => path.join(dir, tool))
    .find((file) => existsSync(file));
  if (onPath) return onPath;
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).sort() : [];
  const found = versions.map((version) => path.join(debian, version, "bin", tool)).at(-1);
  if (!found || !existsSync(found)) throw new Error(`PostgreSQL's ${tool} is not installed`);
  return found;
}

export async function startPostgresInstance(): Promise<PostgresInstance> {
  const root = await mkdtemp(path.join(tmpdir(), "crossfair-pg-"));
  const dataDir = path.join(root, "data");
  const asRoot = userInfo().uid === 0;
  // initdb and postgres refuse to run as root: they run as the postgres user, who must own the directory.
  const pgUser = async (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", pgBin(tool), ...args])
      : run(pgBin(tool), args);
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(root, 0o700);
  await pgUser("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -k ${root} -c fsync=on`;
  const ctl = (action: string, extra: string[] = []) =>
    pgUser("pg_ctl", ["-D", dataDir, "-l", path.join(root, "pg.log"), "-w", ...extra, action]);
  await ctl("start", ["-o", options]);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await ctl("restart", ["-m", "fast", "-o", options]);
    },
    async stop() {
      await ctl("stop", ["-m", "fast"]).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
