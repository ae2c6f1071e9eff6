// The one PostgreSQL connection pool of a gateway process. Prisma runs on it (through
// @prisma/adapter-pg), and the hot path's repositories run their own typed, named prepared
// statements on it (STYLE.md, "A hot path owns its SQL"), so a login never waits on a second pool.
import { Pool, type QueryResultRow } from 'pg';
import type { AppConfig } from '../config/app-config';

/** A named prepared statement: parsed once per connection, then one round trip per execution. */
export interface PreparedStatement<Params extends readonly unknown[], Row extends QueryResultRow> {
  readonly name: string;
  readonly text: string;
  /** carries the types only */
  readonly _types?: { params: Params; row: Row };
}

export function prepared<Params extends readonly unknown[], Row extends QueryResultRow>(
  name: string,
  text: string,
): PreparedStatement<Params, Row> {
  return { name, text };
}

export class PgPool extends Pool {
  static fromConfig(config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize'>): PgPool {
    const pool = new PgPool({
      connectionString: config.databaseUrl,
      max: config.databasePoolSize,
      connectionTimeoutMillis: 5_000,
    });
    // an idle client dropped by the server must not crash the process; the next query reconnects
    pool.on('error', () => undefined);
    return pool;
  }

  async run<Params extends readonly unknown[], Row extends QueryResultRow>(
    statement: PreparedStatement<Params, Row>,
    params: Params,
  ): Promise<Row[]> {
    const result = await this.query<Row>({
      name: statement.name,
      text: statement.text,
      values: params as unknown as unknown[],
    });
    return result.rows;
  }
}
