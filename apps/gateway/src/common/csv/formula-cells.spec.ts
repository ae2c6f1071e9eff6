import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { NEUTRALISED_CELL, neutraliseFormula, restoreFormula } from './formula-cells';

describe('CSV formula neutralisation', () => {
  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","x")'])(
    '%j is written as a quoted text cell that starts with a single quote',
    (cell) => {
      const line = stringify([[neutraliseFormula(cell)]], { quoted_match: NEUTRALISED_CELL });
      expect(line.startsWith(`"'`)).toBe(true);
    },
  );

  it('leaves ordinary cells alone', () => {
    expect(neutraliseFormula('agent@corp.test')).toBe('agent@corp.test');
    expect(neutraliseFormula('1400000001')).toBe('1400000001');
  });

  it('no written cell begins with a formula character, and restore undoes it exactly through a CSV', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 5 }),
        (cells) => {
          const written = cells.map(neutraliseFormula);
          for (const cell of written) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          const csv = stringify([written], { quoted_match: NEUTRALISED_CELL });
          const [row] = parse(csv, { relax_quotes: false }) as string[][];
          expect(row!.map(restoreFormula)).toEqual(cells);
        },
      ),
    );
  });
});
