// What `npm run demo` keeps under .seatgate/ and what it seeds: the demo's fixed cast (a Tencent
// Cloud account with two TCCC apps, a tenant, its users and their seats) and the installation's
// secrets, generated once and kept (mode 600) so that a restart finds its data again.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_ADMIN_EMAIL = 'admin@seatgate.local';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo Enterprise · 演示企业' };

export const DEMO_APPS = [
  { sdkAppId: 1400000001, label: 'Call center · 呼叫中心' },
  { sdkAppId: 1600000001, label: 'Service desk · 在线客服' },
];
const [CALL_CENTER, DESK] = DEMO_APPS.map((app) => app.sdkAppId);

const seat = (user) => `${user}@demo.seatgate.local`;

/** Business users of the demo tenant; each seat is the TCCC account they log in as, per app. */
export const DEMO_USERS = [
  { id: 'alice', name: 'Alice Wang', apps: [CALL_CENTER, DESK] },
  { id: 'bob', name: 'Bob Li', apps: [CALL_CENTER, DESK] },
  { id: 'carol', name: 'Carol Zhang', apps: [CALL_CENTER] },
  { id: 'dave', name: 'Dave Chen', apps: [DESK] },
  { id: 'erin', name: 'Erin Liu', apps: [CALL_CENTER] },
  // known to the CRM but given no seat, to show what a refused login looks like
  { id: 'frank', name: 'Frank Zhao (no seat)', apps: [] },
].map((user) => ({
  id: user.id,
  name: user.name,
  seats: user.apps.map((sdkAppId) => ({ sdkAppId, seatUserId: seat(user.id) })),
}));

/** The emulator's seed: one account owning both apps, every demo seat as a staff member. */
export function emulatorSeed(account) {
  return {
    accounts: [
      {
        secretId: account.secretId,
        secretKey: account.secretKey,
        apps: DEMO_APPS.map((app) => ({
          sdkAppId: app.sdkAppId,
          staff: DEMO_USERS.filter((user) => user.seats.some((s) => s.sdkAppId === app.sdkAppId)).map(
            (user) => ({ mail: seat(user.id), name: user.name }),
          ),
        })),
      },
    ],
  };
}

/** businessUserId,sdkAppId,seatUserId,displayName: the seat import's CSV. */
export function seatCsv() {
  const rows = DEMO_USERS.flatMap((user) =>
    user.seats.map((s) => `${user.id},${s.sdkAppId},${s.seatUserId},${user.name}`),
  );
  return ['businessUserId,sdkAppId,seatUserId,displayName', ...rows].join('\n') + '\n';
}

function writePrivate(path, value) {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * The installation's secrets: master key, admin JWT secret and password, the embedded
 * PostgreSQL's port, the emulated Tencent Cloud account, and later the tenant's signing key.
 * Fields added by newer versions of the demo are filled in on an older file.
 */
export async function loadDemoSecrets(stateDir, freePort) {
  const file = join(stateDir, 'demo-secrets.json');
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {
    masterKey: stored.masterKey ?? randomBytes(32).toString('base64'),
    adminJwtSecret: stored.adminJwtSecret ?? randomBytes(32).toString('hex'),
    adminPassword: stored.adminPassword ?? `demo-${randomBytes(6).toString('hex')}`,
    pgPort: stored.pgPort ?? (await freePort()),
    tcccAccount: stored.tcccAccount ?? {
      secretId: `AKIDdemo${randomBytes(12).toString('hex')}`,
      secretKey: randomBytes(24).toString('base64url'),
    },
    signingKey: stored.signingKey ?? null,
    crmOrigins: stored.crmOrigins ?? [],
  };
  const save = () => writePrivate(file, secrets);
  if (Object.keys(secrets).some((key) => !(key in stored))) save();
  else chmodSync(file, 0o600);
  return { secrets, save };
}

/** Writes the emulator's seed (it holds the account's SecretKey: mode 600) and returns its path. */
export function writeEmulatorSeed(stateDir, account) {
  const path = join(stateDir, 'emulator-seed.json');
  writePrivate(path, emulatorSeed(account));
  return path;
}
