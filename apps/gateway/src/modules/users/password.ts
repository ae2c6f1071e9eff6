// argon2id password hashing (@node-rs/argon2 ships prebuilt binaries: no install script needed).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// Verified against when the email is unknown, so that response time does not tell which exist.
let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash(randomBytes(16).toString('hex'), OPTIONS);
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
