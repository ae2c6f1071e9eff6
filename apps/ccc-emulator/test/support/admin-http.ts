import type { EmulatorHarness } from './emulator-fixtures';

/** One call to the emulator's admin API over HTTP (/__emulator/...). */
export async function admin(
  harness: EmulatorHarness,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await fetch(`${harness.emulator.url}/__emulator${path}`, init);
  return { status: response.status, json: await response.json() };
}
