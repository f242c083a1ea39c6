/**
 * CV files on disk under `<DATA_DIR>/cvs/`. Names are generated here (a random
 * UUID plus `.pdf`) and checked again before every read or delete, so no name
 * coming from a request or a tampered row can point outside the folder.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/;

export class CvStorage {
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = path.join(dataDir, "cvs");
  }

  /** Writes the bytes under a new name and returns that name. */
  async save(bytes: Buffer): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const name = `${randomUUID()}.pdf`;
    // `wx`: a name collision would be a bug, never an overwrite.
    await writeFile(this.#path(name), bytes, { flag: "wx", mode: 0o600 });
    return name;
  }

  /** The file's bytes, or null when it is gone. */
  async read(name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#path(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.#path(name), { force: true });
  }

  /** Absolute path of a stored name (tests check the file on disk with it). */
  pathOf(name: string): string {
    return this.#path(name);
  }

  #path(name: string): string {
    if (!STORED_NAME.test(name)) throw new Error(`not a stored CV name: ${JSON.stringify(name)}`);
    return path.join(this.directory, name);
  }
}
