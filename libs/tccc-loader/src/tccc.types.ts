// The shape of the global `tccc` that TCCC's agent Web SDK defines, as far as Seatgate relies on it
// or its integrators commonly call it. Everything else stays reachable through the index signature.

export interface TcccResult {
  status: 'success' | 'error';
  errorMsg?: string;
}

export interface TcccEvents {
  ready: string;
  tokenExpired: string;
  // Any other name the SDK publishes (`callIn`, …). Reading one it does not publish gives
  // undefined at run time: the emulator's `kickedOut` (its ForceMemberOffline event) is such a one.
  [name: string]: string;
}

export type TcccListener = (payload: unknown) => void;

export interface Tccc {
  events: TcccEvents;
  on(event: string, listener: TcccListener): void;
  off?(event: string, listener: TcccListener): void;
  Call?: {
    startOutboundCall(options: { phoneNumber: string; [option: string]: unknown }): Promise<TcccResult>;
    [method: string]: unknown;
  };
  Agent?: {
    online(): Promise<TcccResult>;
    offline(): Promise<TcccResult>;
    setStatus(options: { status: string }): Promise<TcccResult>;
    [method: string]: unknown;
  };
  UI?: { show(): void; hide(): void; [method: string]: unknown };
  [member: string]: unknown;
}
