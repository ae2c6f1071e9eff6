// Reading a CSV file's bytes as text, whatever Excel saved it as: UTF-8 (with or without its BOM),
// else GB18030 (the superset of GBK that Chinese Excel writes). Decoding uses the platform's own
// TextDecoder (the browser's, or Node's with full ICU); nothing is guessed beyond these two.

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** characters that could not be decoded (U+FFFD): a file with any is not to be imported */
  unreadable: number;
}

const REPLACEMENT = /\uFFFD/g;

function countUnreadable(text: string): number {
  return text.match(REPLACEMENT)?.length ?? 0;
}

/** Decodes a CSV file: UTF-8 when its bytes are valid UTF-8, else GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    return { text, encoding: 'utf-8-bom', unreadable: countUnreadable(text) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', unreadable: countUnreadable(text) };
  } catch {
    // not UTF-8: the usual other case is a CSV from Chinese Excel
  }
  const text = new TextDecoder('gb18030').decode(bytes);
  return { text, encoding: 'gb18030', unreadable: countUnreadable(text) };
}

/** Characters that could not be decoded in a text already read (U+FFFD, mojibake's mark). */
export function unreadableCharacters(text: string): number {
  return countUnreadable(text);
}
