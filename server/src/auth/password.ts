/**
 * Password hashing with Argon2id through @node-rs/argon2: a maintained,
 * prebuilt native binding (shipped inside the npm package, so it installs
 * offline) with the OWASP-recommended algorithm and sane default costs.
 */
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
