// The redemption BASELINE: the least a ticket redemption can do, as its own process. Express (as
// the guide's route), one `pg` pool of the gateway's size, and per request one named prepared
// `UPDATE … RETURNING` on the gateway's login_tickets table: the same atomic step as the gateway's
// (single use under any concurrency, the SdkURL erased and returned in one statement), then a 302.
// Left out, on purpose: the origin check, the audit event, decryption and metrics.
// The bench writes this route's tickets straight into login_tickets with a plain SdkURL.
import { createHash } from 'node:crypto';
import express from 'express';
import { Pool } from 'pg';

const port = Number(process.env.BASELINE_PORT);
const databaseUrl = process.env.DATABASE_URL;
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
if (!port || !databaseUrl) throw new Error('BASELINE_PORT and DATABASE_URL are required');

const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
const redeem = {
  name: 'bare-redeem',
  text: `UPDATE login_tickets AS t
         SET redeemed_at = now(), redeemed_ip = $2, sdk_url_enc = NULL
         FROM (SELECT id, sdk_url_enc FROM login_tickets
               WHERE ticket_hash = $1 AND redeemed_at IS NULL AND expires_at > now()
               FOR UPDATE) AS old
         WHERE t.id = old.id
         RETURNING old.sdk_url_enc AS "sdkUrl"`,
};

const app = express();
app.get('/tickets/:ticket', (req, res) => {
  const ticketHash = createHash('sha256').update(req.params.ticket).digest('hex');
  pool.query<{ sdkUrl: string | null }>({ ...redeem, values: [ticketHash, req.ip ?? null] }).then(
    ({ rows }) => {
      const sdkUrl = rows[0]?.sdkUrl;
      if (sdkUrl) res.redirect(302, sdkUrl);
      else res.status(410).end();
    },
    (error: unknown) => {
      console.error('redeem failed', error);
      res.status(500).end();
    },
  );
});

const server = app.listen(port, '127.0.0.1', () =>
  console.log(`baseline listening on http://127.0.0.1:${port}`),
);
process.once('SIGTERM', () => server.close(() => void pool.end()));
