// What may reach an audit event's details.
import type { Prisma } from '../../generated/prisma/client';

// Defence in depth: callers already record secret fields as "changed"; anything that still looks
// like a secret is replaced before it can reach the trail.
const SECRET_KEY =
  /^(secret(id|key)?|password|passwordhash|accesstoken|refreshtoken|token|sdkurl|authorization|cookie)$/i;

export function scrubDetails(value: unknown): Prisma.InputJsonValue {
  if (Array.isArray(value)) return value.map(scrubDetails);
  if (value && typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      out[key] = SECRET_KEY.test(key) && item !== 'changed' ? '[redacted]' : scrubDetails(item);
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  if (value === null || value === undefined) return null as unknown as Prisma.InputJsonValue;
  return value as Prisma.InputJsonValue;
}
