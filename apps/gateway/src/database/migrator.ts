// Applies prisma/migrations/*/migration.sql without Prisma's schema engine, keeping Prisma's own
// bookkeeping (`_prisma_migrations`, sha256 checksums of the files), so that `prisma migrate deploy`
// treats a database migrated here as up to date and the two tools can be used interchangeably.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const DEFAULT_MIGRATIONS_DIR = resolve(__dirname, '../../../../prisma/migrations');

// Any constant works; it only has to be the same for every migrator touching one database.
const MIGRATION_LOCK_KEY = 72_707_301;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** in the database but not on disk: the database is newer than this code */
  unknown: string[];
  /** applied, but the file changed since */
  modified: string[];
  /** started and never finished (a failed migration) */
  failed: string[];
}

export class MigrationError extends Error {}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readApplied(client: Client): Promise<AppliedRow[]> {
  const exists = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!exists.rows[0]?.exists) return [];
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return result.rows;
}

function compare(files: MigrationFile[], rows: AppliedRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const finished = new Map(
    live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
  );
  const names = new Set(files.map((file) => file.name));
  return {
    applied: files.filter((file) => finished.has(file.name)).map((file) => file.name),
    pending: files
      .filter((file) => !live.some((row) => row.migration_name === file.name))
      .map((file) => file.name),
    unknown: [...finished.keys()].filter((name) => !names.has(name)),
    modified: files
      .filter((file) => finished.has(file.name) && finished.get(file.name)?.checksum !== file.checksum)
      .map((file) => file.name),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
  };
}

export async function migrationStatus(
  databaseUrl: string,
  dir = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return compare(readMigrations(dir), await readApplied(client));
  } finally {
    await client.end();
  }
}

/** Applies every pending migration, each in its own transaction, under a database-wide advisory lock. */
export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const files = readMigrations(options.dir);
  const log = options.log ?? (() => undefined);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const status = compare(files, await readApplied(client));
    if (status.failed.length > 0) {
      throw new MigrationError(
        `migration ${status.failed[0]} failed earlier; resolve it before migrating again`,
      );
    }
    if (status.modified.length > 0) {
      throw new MigrationError(`migration ${status.modified[0]} was changed after it was applied`);
    }
    const appliedNow: string[] = [];
    for (const file of files.filter((candidate) => status.pending.includes(candidate.name))) {
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`migration ${file.name} failed: ${reason}`);
      }
      appliedNow.push(file.name);
      log(`applied migration ${file.name}`);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
