import { Agent, type AgentOptions, type ClientRequestArgs } from 'node:http';
import { createConnection, type Socket } from 'node:net';

// The preferred way to point the unmodified tencentcloud-sdk-nodejs client at the emulator: keep
// endpoint "ccc.tencentcloudapi.com" (so Host, the signed host and the service "ccc" are exactly
// what production sends), use protocol "http://", and give the SDK this agent, which connects
// every request to the emulator's address instead of resolving the host name. Because an agent is
// set, the SDK does not wrap the request in an http_proxy tunnel.
//
//   new CccClient({ credential, region: '', profile: { httpProfile: {
//     endpoint: 'ccc.tencentcloudapi.com', protocol: 'http://', agent: createLoopbackAgent(emulator.url) } } })

export function createLoopbackAgent(
  target: string | { host: string; port: number },
  options: AgentOptions = {},
): Agent {
  const { hostname, port } =
    typeof target === 'string' ? new URL(target) : { hostname: target.host, port: String(target.port) };
  const host = hostname.replace(/^\[|\]$/g, '');
  const portNumber = Number(port === '' ? 80 : port);
  class LoopbackAgent extends Agent {
    // Returning the socket (rather than calling back) is one of the two ways node's Agent accepts.
    override createConnection(_options: ClientRequestArgs): Socket {
      return createConnection({ host, port: portNumber });
    }
  }
  return new LoopbackAgent(options);
}
