// Where TCCC calls go. Normally the real endpoint; with TCCC_ENDPOINT_OVERRIDE, every call goes to
// that address while the request stays byte-identical to production (Host ccc.tencentcloudapi.com,
// service "ccc" in the signature): only the TCP connection is redirected. Giving the SDK an agent
// also keeps it from tunnelling through an http_proxy from the environment.
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createConnection, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export const TCCC_HOST = 'ccc.tencentcloudapi.com';

// Idle sockets are retired after 4 s, before a server's keep-alive timeout (Node's default is 5 s)
// can close one under a request that is just reusing it (which would surface as a false 503).
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, timeout: 4_000 };

export interface TcccHttpProfile {
  endpoint: string;
  protocol: 'https://' | 'http://';
  reqTimeout: number;
  agent?: HttpAgent;
}

export function tcccHttpProfile(override: string | null, timeoutSeconds: number): TcccHttpProfile {
  if (!override) {
    return {
      endpoint: TCCC_HOST,
      protocol: 'https://',
      reqTimeout: timeoutSeconds,
      agent: new HttpsAgent({ keepAlive: true }),
    };
  }
  const target = new URL(override);
  const secure = target.protocol === 'https:';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || (secure ? 443 : 80));
  const options = AGENT_OPTIONS;
  const agent = secure
    ? new (class extends HttpsAgent {
        override createConnection(): Socket {
          return tlsConnect({ host, port, servername: TCCC_HOST });
        }
      })(options)
    : new (class extends HttpAgent {
        override createConnection(_options: ClientRequestArgs): Socket {
          return createConnection({ host, port });
        }
      })(options);
  return {
    endpoint: TCCC_HOST,
    protocol: secure ? 'https://' : 'http://',
    reqTimeout: timeoutSeconds,
    agent,
  };
}
