// One JSON line per event. SecretIds may be logged (they identify, they do not authenticate);
// SecretKeys never reach a log: no caller passes one, and SecretKey objects print "[redacted]".

export type LogSink = (line: string) => void;

export type LogEvent =
  | {
      kind: 'tccc';
      requestId: string;
      traceId: string;
      action: string | null;
      secretId: string | null;
      sdkAppId: number | null;
      outcome: 'ok' | 'error' | 'refused' | 'hung';
      code: string | null;
      latencyMs: number;
    }
  | {
      kind: 'agent-sdk';
      event: 'script' | 'verify' | 'status' | 'connected' | 'disconnected';
      sdkAppId: number | null;
      seat: string | null;
      outcome: string;
    }
  | { kind: 'admin'; method: string; path: string; status: number }
  | { kind: 'lifecycle'; event: 'listening' | 'stopped' | 'error'; url?: string; message?: string };

export class EmulatorLog {
  constructor(private readonly sink: LogSink | undefined) {}

  write(event: LogEvent): void {
    if (this.sink === undefined) return;
    this.sink(JSON.stringify({ ts: new Date().toISOString(), ...event }));
  }
}
