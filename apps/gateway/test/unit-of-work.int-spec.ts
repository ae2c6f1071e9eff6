// The unit of work on a real PostgreSQL: repositories join the current run's transaction without
// a handle, a nested run joins the outer one, a failure anywhere rolls back everything, runs in
// parallel stay apart, and constraint violations are read by name from model and raw queries.
import { Client } from 'pg';
import { PgPool } from '../src/database/pg-pool';
import { UnitOfWork } from '../src/database/unit-of-work';
import { constraintViolation } from '../src/prisma/constraint-violation';
import { Database } from '../src/prisma/database';
import { PrismaService } from '../src/prisma/prisma.service';
import { createTestDatabase, type TestDatabase } from './support/database';

describe('unit of work', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let database: Database;
  let uow: UnitOfWork;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = new PrismaService(PgPool.fromConfig({ databaseUrl: db.url, databasePoolSize: 4 }));
    await prisma.onModuleInit();
    database = new Database(prisma);
    uow = new UnitOfWork(database);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await prisma.onModuleDestroy();
    await db.drop();
  });

  const createTenant = (slug: string) =>
    database.client.tenant.create({ data: { slug, name: slug, settings: {} } });
  const stored = async (...slugs: string[]): Promise<string[]> => {
    const rows = await sql.query<{ slug: string }>(
      `SELECT slug FROM tenants WHERE slug = ANY($1) ORDER BY slug`,
      [slugs],
    );
    return rows.rows.map((row) => row.slug);
  };

  it('outside a run, repositories use the shared client', () => {
    expect(database.client).toBe(prisma);
  });

  it('commits the writes of a run, a nested run included, together', async () => {
    await uow.run(async () => {
      expect(database.client).not.toBe(prisma);
      await createTenant('uow-a');
      // not visible to another connection before the commit
      expect(await stored('uow-a')).toEqual([]);
      await uow.run(async () => {
        await createTenant('uow-b');
      });
      // the nested run joined the outer transaction: nothing of it is committed yet
      expect(await stored('uow-b')).toEqual([]);
    });
    expect(await stored('uow-a', 'uow-b')).toEqual(['uow-a', 'uow-b']);
  });

  it('rolls back the outer writes when a nested run fails', async () => {
    await expect(
      uow.run(async () => {
        await createTenant('uow-c');
        await uow.run(async () => {
          await createTenant('uow-d');
          throw new Error('nested failure');
        });
      }),
    ).rejects.toThrow('nested failure');
    expect(await stored('uow-c', 'uow-d')).toEqual([]);
    expect(database.client).toBe(prisma);
  });

  it('keeps parallel runs in their own transactions', async () => {
    const results = await Promise.allSettled([
      uow.run(async () => {
        await createTenant('uow-e');
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('only this one fails');
      }),
      uow.run(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await createTenant('uow-f');
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
    expect(await stored('uow-e', 'uow-f')).toEqual(['uow-f']);
  });

  it('names the constraint a model or a raw query violated', async () => {
    await createTenant('uow-taken');
    const model = await createTenant('uow-taken').catch((error: unknown) => error);
    expect(constraintViolation(model)).toEqual({ kind: 'unique', constraint: 'tenants_slug_key' });
    const raw = await uow
      .run(
        () =>
          database.client
            .$executeRaw`INSERT INTO tenants (id, slug, name, status, settings, created_at, updated_at)
            VALUES (gen_random_uuid(), 'uow-taken', 'x', 'active', '{}', now(), now())`,
      )
      .catch((error: unknown) => error);
    expect(constraintViolation(raw)).toEqual({ kind: 'unique', constraint: 'tenants_slug_key' });
    const foreign = await database.client.signingKey
      .create({
        data: { tenantId: '00000000-0000-4000-8000-000000000000', kid: 'uow-kid', type: 'hs256' },
      })
      .catch((error: unknown) => error);
    expect(constraintViolation(foreign)).toEqual({
      kind: 'foreign_key',
      constraint: 'signing_keys_tenant_id_fkey',
    });
    expect(constraintViolation(new Error('something else'))).toBeNull();
  });
});
