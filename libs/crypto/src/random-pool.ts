// Small draws from the CSPRNG, taken from a pool filled 4 KiB at a time. A login makes two small
// draws (its single-use ticket, and the data key and IVs of its SdkURL's envelope), and every call
// into the CSPRNG cost about 5 µs whatever its size: two of them were 2 % of a login's gateway CPU in
// a profile. Node's own randomUUID() keeps such a pool for the same reason. Every byte is handed out
// once: the pool keeps a copy only until it is drawn, then erases it.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
/** larger draws go to the CSPRNG directly: they are rare, and would empty the pool at once */
const MAX_POOLED_DRAW = 256;

const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `size` bytes from the CSPRNG (crypto.randomBytes), in a buffer of their own. */
export function randomBytesPooled(size: number): Buffer {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid random size: ${size}`);
  if (size > MAX_POOLED_DRAW) return randomFillSync(Buffer.alloc(size));
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const drawn = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return drawn;
}
