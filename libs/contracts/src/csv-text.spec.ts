import { decodeCsvBytes, unreadableCharacters } from './csv-text';

const CSV =
  'businessUserId,sdkAppId,seatUserId,displayName\nu1,1400000001,a@x,张三\nu2,1400000001,b@x,李四·客服\n';
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
/** GBK bytes as Chinese Excel writes them: 张三 = D5C5 C8FD, 李四 = C0EE CBC4, · = A1A4, 客服 = BFCD B7FE */
function gbk(): Uint8Array {
  const ascii = (text: string) => [...Buffer.from(text, 'ascii')];
  return new Uint8Array([
    ...ascii('businessUserId,sdkAppId,seatUserId,displayName\nu1,1400000001,a@x,'),
    0xd5,
    0xc5,
    0xc8,
    0xfd,
    ...ascii('\nu2,1400000001,b@x,'),
    0xc0,
    0xee,
    0xcb,
    0xc4,
    0xa1,
    0xa4,
    0xbf,
    0xcd,
    0xb7,
    0xfe,
    ...ascii('\n'),
  ]);
}

describe('decodeCsvBytes: what a CSV file says, whatever Excel saved it as', () => {
  it('reads UTF-8 with a BOM, dropping the BOM', () => {
    const decoded = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]));
    expect(decoded).toEqual({ text: CSV, encoding: 'utf-8-bom', unreadable: 0 });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvBytes(utf8(CSV))).toEqual({ text: CSV, encoding: 'utf-8', unreadable: 0 });
  });

  it('reads GBK (from Chinese Excel) as GB18030, with the right Chinese names', () => {
    const decoded = decodeCsvBytes(gbk());
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.unreadable).toBe(0);
    expect(decoded.text).toBe(CSV);
    // what a UTF-8-only reader makes of the same bytes: mojibake, which must never pass as OK
    expect(unreadableCharacters(new TextDecoder('utf-8').decode(gbk()))).toBeGreaterThan(0);
  });

  it('plain ASCII is UTF-8; an empty file is empty', () => {
    expect(decodeCsvBytes(utf8('a,b\n1,2\n')).encoding).toBe('utf-8');
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', unreadable: 0 });
  });

  it('counts characters neither encoding can read', () => {
    // a UTF-8 BOM followed by bytes that are not UTF-8: read as UTF-8, and the damage is counted
    const decoded = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]));
    expect(decoded.encoding).toBe('utf-8-bom');
    expect(decoded.unreadable).toBe(1);
  });
});
