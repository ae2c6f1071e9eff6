// A PostgreSQL that a test may stop and start again (the fault tests): an embedded server in this
// child process, driven by lines on stdin ("stop", "start", "exit"), each answered by one JSON line.
// Usage: node e2e/support/pg-controller.mjs <dataDir>
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: pg-controller.mjs <dataDir>\n');
  process.exit(2);
}
const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

let server = await startEmbeddedPostgres({ dataDir, persistent: true });
let running = true;
reply({ ready: true, port: server.port, url: server.url('postgres') });

for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  try {
    if (command === 'stop') {
      if (running) await server.stop();
      running = false;
      reply({ stopped: true });
    } else if (command === 'start') {
      if (!running) server = await startEmbeddedPostgres({ dataDir, port: server.port, persistent: true });
      running = true;
      reply({ started: true });
    } else if (command === 'exit') {
      break;
    } else {
      reply({ error: `unknown command ${command}` });
    }
  } catch (error) {
    reply({ error: String(error) });
  }
}
if (running) await server.stop();
// the data may live outside dataDir (as root, where the postgres user could not reach it)
rmSync(server.dataDir, { recursive: true, force: true });
process.exit(0);
