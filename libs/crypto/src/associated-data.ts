// What each ciphertext is bound to. Every component is written as a 4-byte big-endian byte length
// followed by its UTF-8 bytes, so no choice of values can make two different contexts encode alike
// (a naive join would let 'a|b' + 'c' collide with 'a' + 'b|c'). The leading label separates the
// data-key wrapping from the field encryption, and both from any future envelope version.

export interface EncryptionContext {
  tenantId: string;
  recordId: string;
  field: string;
}

const DATA_LABEL = 'seatgate/crypto/sg1/field';
const WRAP_LABEL = 'seatgate/crypto/sg1/data-key';

// A lone surrogate has no UTF-8 form: Buffer.from() turns every one into U+FFFD, so two different
// strings would encode alike. \p{Cs} under the u flag matches exactly the unpaired ones.
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Throws TypeError for a context that could not have been meant: a bug in the caller, not bad data. */
export function assertValidContext(ctx: EncryptionContext): void {
  if (typeof ctx !== 'object' || ctx === null) {
    throw new TypeError('encryption context must be an object');
  }
  for (const name of ['tenantId', 'recordId', 'field'] as const) {
    const value: unknown = ctx[name];
    if (typeof value !== 'string' || value === '' || !isWellFormedText(value)) {
      throw new TypeError(`encryption context ${name} must be a non-empty, well-formed string`);
    }
  }
}

/** Associated data for the field ciphertext. Not bound to the master key id: rewrapping keeps it. */
export function fieldAssociatedData(ctx: EncryptionContext): Buffer {
  return encodeComponents([DATA_LABEL, ctx.tenantId, ctx.recordId, ctx.field]);
}

/** Associated data for the wrapped data key: the same context, plus the id of the wrapping key. */
export function dataKeyAssociatedData(masterKeyId: string, ctx: EncryptionContext): Buffer {
  return encodeComponents([WRAP_LABEL, masterKeyId, ctx.tenantId, ctx.recordId, ctx.field]);
}

export function encodeComponents(components: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const component of components) {
    const bytes = Buffer.from(component, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}
