// The origin rule is written twice: in TypeScript for a login, in SQL for the statement that
// redeems a ticket. Both must give the same answer for every tenant's settings and every origin.
import fc from 'fast-check';
import { Client } from 'pg';
import { originAllowed, ORIGIN_REFUSED_SQL } from '../src/modules/login/origin-policy';

describe('origin policy: the TypeScript rule and its SQL twin', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(() => db.end());

  const refusedBySql = async (settings: object, origin: string | null): Promise<boolean> => {
    const { rows } = await db.query<{ refused: boolean }>(
      `SELECT ${ORIGIN_REFUSED_SQL('$1::jsonb', '$2::text')} AS refused`,
      [JSON.stringify(settings), origin],
    );
    return rows[0]!.refused;
  };

  it('agrees on the cases people meet', async () => {
    const cases: [object, string | null, boolean][] = [
      [{}, null, true],
      [{}, 'https://crm.example.com', false],
      [{ allowedOrigins: [] }, 'https://crm.example.com', false],
      [{ allowedOrigins: ['https://crm.example.com'] }, 'https://crm.example.com', true],
      [{ allowedOrigins: ['https://crm.example.com'] }, 'https://CRM.example.com', false],
      [{ allowedOrigins: ['https://crm.example.com'] }, 'https://crm.example.com/', false],
      [{ allowedOrigins: ['https://a.example', 'https://b.example'] }, 'https://b.example', true],
      [{ allowedOrigins: ['https://crm.example.com'] }, null, true],
    ];
    for (const [settings, origin, allowed] of cases) {
      expect(originAllowed(settings, origin)).toBe(allowed);
      expect(await refusedBySql(settings, origin)).toBe(!allowed);
    }
  });

  it('agrees on any list and any origin', async () => {
    const origin = fc.oneof(
      fc.constantFrom('https://crm.example.com', 'http://localhost:5173', 'null'),
      fc.webUrl({ withFragments: false, withQueryParameters: false }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(origin, { maxLength: 4 }),
        fc.option(origin, { nil: null }),
        async (list, asked) => {
          const settings = { allowedOrigins: list };
          expect(await refusedBySql(settings, asked)).toBe(!originAllowed(settings, asked));
        },
      ),
      { numRuns: 200 },
    );
  });
});
