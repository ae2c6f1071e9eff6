// Operator commands, run from the same build as the gateway:
//   seatgate migrate                      apply pending migrations to DATABASE_URL
//   seatgate migrate-status               list applied / pending migrations
//   seatgate create-admin --email E [--role R] [--tenant ID ...] [--all-tenants]   password from SEATGATE_ADMIN_PASSWORD or stdin
//   seatgate rotate-master-key            re-wrap app credentials and HS256 secrets under the newest master key
//   seatgate master-key-status            which master key wraps the stored envelopes (JSON)
//   seatgate verify-audit                 verify every audit chain
//   seatgate generate-master-key          print a new master key (base64 of 32 random bytes)
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { adminUserCreateSchema } from '@seatgate/contracts';
import { generateMasterKey } from '@seatgate/crypto';
import { parseArgs } from 'node:util';
import { AppModule } from './app.module';
import { SYSTEM_META } from './common/context/request-context';
import { AppConfig, ConfigError } from './config/app-config';
import { migrate, migrationStatus } from './database/migrator';
import { AuditService } from './modules/audit/audit.service';
import { MasterKeysService, type SystemCaller } from './modules/master-keys/master-keys.service';
import { UsersService } from './modules/users/users.service';

const CLI_ACTOR = { type: 'system' as const, id: null, display: 'cli' };
const CLI_CALLER: SystemCaller = { ...SYSTEM_META, actor: CLI_ACTOR };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigError('DATABASE_URL is required (postgresql://user:password@host:5432/database)');
  return url;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new ConfigError('set SEATGATE_ADMIN_PASSWORD or pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withApp<T>(
  work: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>,
): Promise<T> {
  // a CLI command runs no job steps: it would hold them up while it exits
  const config = AppConfig.fromEnv({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEATGATE_JOBS_WORK: 'false',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await work((type) => app.get(type));
  } finally {
    await app.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const applied = await migrate(databaseUrl(), { log: (line) => console.log(line) });
      console.log(applied.length === 0 ? 'database is up to date' : `applied ${applied.length} migration(s)`);
      return 0;
    }
    case 'migrate-status': {
      const status = await migrationStatus(databaseUrl());
      console.log(JSON.stringify(status, null, 2));
      return status.pending.length === 0 && status.unknown.length === 0 && status.failed.length === 0 ? 0 : 1;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          role: { type: 'string', default: 'platform_admin' },
          tenant: { type: 'string', multiple: true },
          // a platform-wide auditor: explicit, since an auditor without tenants reaches nothing
          'all-tenants': { type: 'boolean' },
        },
      });
      const password = process.env.SEATGATE_ADMIN_PASSWORD ?? (await readStdin());
      const input = adminUserCreateSchema.safeParse({
        email: values.email,
        password,
        role: values.role,
        tenantIds: values.tenant ?? [],
        allTenants: values['all-tenants'],
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new ConfigError(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'invalid'}`);
      }
      const user = await withApp((get) =>
        get(UsersService).createAccount(CLI_ACTOR, SYSTEM_META, input.data),
      );
      console.log(`created ${user.role} ${user.email} (${user.id})`);
      return 0;
    }
    case 'rotate-master-key': {
      const report = await withApp((get) => get(MasterKeysService).rotate(CLI_CALLER));
      const { appCredentials, signingKeys } = report;
      console.log(
        `re-wrapped ${appCredentials.rewrapped} of ${appCredentials.total} app credential(s) and ` +
          `${signingKeys.rewrapped} of ${signingKeys.total} HS256 signing-key secret(s) ` +
          `under master key "${report.primaryKeyId}"`,
      );
      for (const failure of report.failed) {
        const what =
          failure.kind === 'app_credentials' ? 'the credentials of app' : 'the secret of signing key';
        console.error(`cannot decrypt ${what} ${failure.id} (tenant ${failure.tenantId}): ${failure.reason}`);
      }
      if (report.failed.length > 0) {
        console.error(
          'keep the older master keys until these have new secrets (apps: PUT …/credentials; ' +
            'signing keys: create a new key and revoke this one)',
        );
        return 2;
      }
      if (report.loginUrlsUnderOlderKeys > 0) {
        console.log(
          `${report.loginUrlsUnderOlderKeys} one-time login URL(s) are still under an older master key: ` +
            'wait up to 10 minutes before removing the older key (they are not re-wrapped; they expire)',
        );
        return 0;
      }
      console.log('older master keys can now be removed from SEATGATE_MASTER_KEYS');
      return 0;
    }
    case 'master-key-status': {
      const status = await withApp((get) => get(MasterKeysService).status(CLI_CALLER));
      console.log(JSON.stringify(status, null, 2));
      return 0;
    }
    case 'verify-audit': {
      const result = await withApp(async (get) => {
        const audit = get(AuditService);
        return audit.verifyChains(await audit.allChainIds());
      });
      console.log(JSON.stringify(result));
      return result.ok ? 0 : 2;
    }
    case 'generate-master-key':
      console.log(generateMasterKey());
      return 0;
    default:
      console.error(
        'usage: seatgate <migrate|migrate-status|create-admin|rotate-master-key|master-key-status|verify-audit|generate-master-key>',
      );
      return 64;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`seatgate: ${message}\n`);
    process.exit(1);
  },
);
