// Base64 decoding that rejects what Buffer.from() silently tolerates: characters outside the
// alphabet (which it skips) and non-canonical trailing bits (which it drops). Without this, two
// different envelope strings could decode to the same bytes, and a typo in a configured key could
// go unnoticed.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Standard base64, padding optional. Returns undefined if the text is not canonical base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  if (text.length !== unpadded.length && text.length % 4 !== 0) return undefined;
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = Buffer.from(unpadded, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === unpadded ? bytes : undefined;
}

/** Unpadded base64url, as written into envelopes. Returns undefined if not canonical. */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function encodeBase64Url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
