// CSV bytes as Chinese Excel saves them (GBK), for the few characters the flows' files use: the
// console must detect the encoding and read the names right.
const GBK: Record<string, number[]> = {
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  李: [0xc0, 0xee],
  四: [0xcb, 0xc4],
  '·': [0xa1, 0xa4],
  客: [0xbf, 0xcd],
  服: [0xb7, 0xfe],
};

export function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = GBK[char];
    if (code) bytes.push(...code);
    else if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else throw new Error(`no GBK bytes for ${char}`);
  }
  return Buffer.from(bytes);
}
