import { Client as CccClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client';
import type { Agent } from 'node:http';
import {
  createLoopbackAgent,
  startEmulator,
  type EmulatorSeed,
  type RunningEmulator,
  type StartEmulatorOptions,
} from '../../src';

// One setup helper for the emulator's tests: a seed with two accounts, an emulator on a free port,
// and the official SDK client pointed at it the preferred way (real endpoint, loopback agent).

export const ACME = {
  secretId: 'AKIDacme000000000000000000000000',
  secretKey: 'acme-secret-key-0000000000000000',
};
export const GLOBEX = {
  secretId: 'AKIDglobex00000000000000000000000',
  secretKey: 'globex-secret-key-000000000000000',
};
export const ACME_APP = 1400000001;
export const ACME_APP_2 = 1400000002;
export const GLOBEX_APP = 1600000001;
export const ALICE = 'alice@acme.example';
export const BOB = 'bob@acme.example';

export function testSeed(): EmulatorSeed {
  return {
    accounts: [
      {
        ...ACME,
        apps: [
          {
            sdkAppId: ACME_APP,
            // CreateStaff refuses SkillGroupNameList entries naming no group (see the README).
            skillGroups: [{ name: 'Sales' }],
            staff: [
              { mail: ALICE, name: 'Alice', staffNumber: '1001' },
              { mail: BOB, name: 'Bob', staffNumber: '1002' },
            ],
          },
          { sdkAppId: ACME_APP_2, staff: [{ mail: 'carol@acme.example' }] },
        ],
      },
      { ...GLOBEX, apps: [{ sdkAppId: GLOBEX_APP, staff: [{ mail: 'gina@globex.example', name: 'Gina' }] }] },
    ],
  };
}

export interface EmulatorHarness {
  emulator: RunningEmulator;
  logLines: string[];
  /** The official client, unmodified, reaching the emulator through a loopback agent. */
  client(credential?: { secretId: string; secretKey: string }, options?: { reqTimeout?: number }): CccClient;
  close(): Promise<void>;
}

export async function startHarness(
  options: Omit<StartEmulatorOptions, 'port' | 'log'> = {},
): Promise<EmulatorHarness> {
  const logLines: string[] = [];
  const emulator = await startEmulator({
    seed: testSeed(),
    ...options,
    port: 0,
    log: (line) => logLines.push(line),
  });
  const agents: Agent[] = [];
  return {
    emulator,
    logLines,
    client(credential = ACME, clientOptions = {}) {
      const agent = createLoopbackAgent(emulator.url);
      agents.push(agent);
      return new CccClient({
        credential,
        region: '',
        profile: {
          httpProfile: {
            endpoint: 'ccc.tencentcloudapi.com',
            protocol: 'http://',
            agent,
            reqTimeout: clientOptions.reqTimeout ?? 10,
          },
        },
      });
    },
    async close() {
      for (const agent of agents) agent.destroy();
      await emulator.stop();
    },
  };
}

/** The SDK's exception, narrowed: `code` is set when TCCC answered with an error envelope. */
export interface SdkFailure {
  message: string;
  code?: string;
  requestId?: string;
  traceId?: string;
}

export async function sdkFailure(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const failure: SdkFailure = { message: error.message };
    const code: unknown = Reflect.get(error, 'code');
    const requestId: unknown = Reflect.get(error, 'requestId');
    const traceId: unknown = Reflect.get(error, 'traceId');
    if (typeof code === 'string') failure.code = code;
    if (typeof requestId === 'string') failure.requestId = requestId;
    if (typeof traceId === 'string') failure.traceId = traceId;
    return failure;
  }
  throw new Error('expected the SDK call to fail, but it succeeded');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
