// What `npm start` checks before serving: the database's migrations are exactly the ones this build
// knows. A schema behind the build is migrated only when asked (SEATGATE_MIGRATE_ON_START or
// --migrate); a newer, changed or half-applied schema always stops the start.
import { migrate, migrationStatus, type MigrationStatus } from './migrator';

export class SchemaMismatchError extends Error {}

/** Why this build must not serve on a database in this state, or null when it may. */
export function schemaProblem(status: MigrationStatus): string | null {
  if (status.failed.length > 0)
    return `migration ${status.failed[0]} was started and never finished; repair it before starting (docs/operations.md, "Migrations")`;
  if (status.modified.length > 0)
    return `migration ${status.modified[0]} differs from the one applied to the database; this build does not match the schema`;
  if (status.unknown.length > 0)
    return `the database has ${status.unknown.length} migration(s) this build does not know (${status.unknown.join(', ')}): it was migrated by a newer Seatgate; run that version`;
  if (status.pending.length > 0)
    return `the database schema is behind this build: ${status.pending.length} pending migration(s), first ${status.pending[0]}; run "node apps/gateway/dist/cli.js migrate", or start with --migrate (SEATGATE_MIGRATE_ON_START=true)`;
  return null;
}

export async function ensureSchema(
  databaseUrl: string,
  options: { migrate: boolean; log: (line: string) => void },
): Promise<void> {
  if (options.migrate) {
    const applied = await migrate(databaseUrl, { log: options.log });
    if (applied.length === 0) options.log('migrations: none pending');
  }
  const problem = schemaProblem(await migrationStatus(databaseUrl));
  if (problem) throw new SchemaMismatchError(problem);
}
