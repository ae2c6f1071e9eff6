// @seatgate/ccc-emulator — an offline stand-in for the Tencent Cloud Contact Center API (ccc
// 2020-02-10) and its agent Web SDK, driven by the unmodified tencentcloud-sdk-nodejs client.

export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './emulator';
export { createLoopbackAgent } from './loopback-agent';
export {
  parseEmulatorSeed,
  type EmulatorSeed,
  type EmulatorSeedAccount,
  type EmulatorSeedApp,
  type EmulatorSeedStaff,
  type EmulatorSeedBinding,
  type EmulatorSeedLicence,
  type EmulatorSeedSkillGroup,
  type AppCondition,
} from './seed/emulator-seed';
export { EmulatorState, type EmulatorSnapshot, type EmulatorStateOptions } from './state/emulator-state';
export type { AccountView, AppView, ForwardingView, SkillGroupBinding, StaffView } from './state/directory';
export type { SkillGroupView } from './state/skill-groups';
export type { LicencePurchase } from './state/licences';
export { STAFF_STATUSES, type ClientInfoView, type StatusHistoryEntry } from './state/presence';
export type { FaultLatency, FaultRule } from './state/fault-rules';
export type { CounterFilter, CounterPeak, CounterRow, CountersView } from './state/request-counters';
export { EmulatorAdminError, type EmulatorAdminErrorCode } from './state/admin-errors';
export { AGENT_SDK_SCRIPT_PATH } from './agent-sdk/agent-sdk-routes';
export { readEmulatorEnv, startFromEnv, type EmulatorEnvConfig } from './config/emulator-env';
