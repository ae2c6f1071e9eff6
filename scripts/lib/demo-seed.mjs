// Seeds the demo tenant through the gateway's admin API, the way an operator or a provisioning
// script would (so it doubles as documentation of that API): sign in, find or create the tenant,
// allow the demo CRM's browser origins, register the two TCCC apps, map the business users to
// seats, and make sure there is an HS256 signing key. Every step looks before it writes, so a
// second run changes nothing and creates no duplicates.

export class DemoSeedError extends Error {
  constructor(step, status, body) {
    const code = body?.code ?? `http_${status}`;
    const message = body?.message ?? 'no error body';
    const request = body?.requestId ? ` (request id ${body.requestId})` : '';
    super(`seeding the demo failed at "${step}": ${status} ${code}: ${message}${request}`);
    this.name = 'DemoSeedError';
    this.step = step;
    this.code = code;
  }
}

function adminApi(gatewayUrl) {
  let accessToken = null;
  return {
    signIn(token) {
      accessToken = token;
    },
    /** One admin call that must succeed; `step` names it in the error if it does not. */
    async call(step, method, path, { json, csv } = {}) {
      const headers = { Accept: 'application/json' };
      if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
      let body;
      if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(json);
      } else if (csv !== undefined) {
        headers['Content-Type'] = 'text/csv';
        body = csv;
      }
      let response;
      try {
        response = await fetch(`${gatewayUrl}${path}`, { method, headers, body });
      } catch (error) {
        throw new DemoSeedError(step, 0, {
          code: 'unreachable',
          message: error.cause?.message ?? error.message,
        });
      }
      const text = await response.text();
      let parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { message: text.slice(0, 200) };
      }
      if (!response.ok) throw new DemoSeedError(step, response.status, parsed);
      return { status: response.status, body: parsed };
    },
  };
}

/**
 * @param {object} input
 * @param {string} input.gatewayUrl
 * @param {{email: string, password: string}} input.admin  the bootstrap platform admin
 * @param {{slug: string, name: string}} input.tenant
 * @param {{sdkAppId: number, label: string}[]} input.apps
 * @param {{secretId: string, secretKey: string}} input.account  the apps' Tencent Cloud credentials
 * @param {string} input.seatCsv  businessUserId,sdkAppId,seatUserId,displayName
 * @param {string[]} input.origins  browser origins the tenant must allow (the demo CRM's)
 * @param {string[]} input.previousOrigins  origins an earlier run added and that may go
 * @param {{kid: string, secret: string} | null} input.signingKey  the key saved by an earlier run
 * @param {(line: string) => void} input.log
 * @returns {Promise<{tenantId: string, tokenAudience: string, signingKey: {kid: string, secret: string}, keyCreated: boolean}>}
 */
export async function seedDemo(input) {
  const api = adminApi(input.gatewayUrl);
  const { log } = input;

  const session = await api.call('sign in as the platform admin', 'POST', '/api/auth/login', {
    json: input.admin,
  });
  api.signIn(session.body.accessToken);

  // the tenant, found by its slug (the list's q matches slug or name)
  const listed = await api.call(
    'look up the demo tenant',
    'GET',
    `/api/admin/tenants?q=${encodeURIComponent(input.tenant.slug)}&pageSize=200`,
  );
  let tenant = listed.body.items.find((item) => item.slug === input.tenant.slug);
  if (tenant) {
    log(`demo tenant "${tenant.slug}" found (${tenant.id})`);
  } else {
    tenant = (
      await api.call('create the demo tenant', 'POST', '/api/admin/tenants', {
        json: { ...input.tenant, settings: { allowedOrigins: input.origins } },
      })
    ).body;
    log(`demo tenant "${tenant.slug}" created (${tenant.id})`);
  }
  const tenantPath = `/api/admin/tenants/${tenant.id}`;

  // the CRM's origins: added when missing; those an earlier run added for another port go
  const current = tenant.settings.allowedOrigins ?? [];
  const stale = new Set(input.previousOrigins.filter((origin) => !input.origins.includes(origin)));
  const wanted = [...new Set([...current.filter((origin) => !stale.has(origin)), ...input.origins])];
  if (wanted.length !== current.length || wanted.some((origin) => !current.includes(origin))) {
    tenant = (
      await api.call('allow the demo CRM origins', 'PATCH', tenantPath, {
        json: { settings: { allowedOrigins: wanted } },
      })
    ).body;
    log(`allowed origins: ${wanted.join(', ')}`);
  }

  const apps = await api.call("list the tenant's TCCC apps", 'GET', `${tenantPath}/apps?pageSize=200`);
  for (const app of input.apps) {
    if (apps.body.items.some((item) => item.sdkAppId === app.sdkAppId)) continue;
    await api.call(`register TCCC app ${app.sdkAppId}`, 'POST', `${tenantPath}/apps`, {
      json: { sdkAppId: app.sdkAppId, label: app.label, ...input.account },
    });
    log(`TCCC app ${app.sdkAppId} registered`);
  }

  // a dry run first: an import that would change nothing is not made (nor audited)
  const plan = await api.call('check the seat mappings', 'POST', `${tenantPath}/seats/import?dryRun=true`, {
    csv: input.seatCsv,
  });
  if (plan.body.created > 0) {
    await api.call('map business users to seats', 'POST', `${tenantPath}/seats/import`, {
      csv: input.seatCsv,
    });
    log(`seat mappings: ${plan.body.created} created, ${plan.body.unchanged} already there`);
  }

  // the HS256 secret is shown once, when created: reuse the saved one while its key is live
  let signingKey = input.signingKey;
  let keyCreated = false;
  if (signingKey) {
    const found = await fetch(`${input.gatewayUrl}${tenantPath}/keys/${encodeURIComponent(signingKey.kid)}`, {
      headers: { Authorization: `Bearer ${session.body.accessToken}` },
    });
    if (found.status === 404) signingKey = null;
    else if (!found.ok)
      throw new DemoSeedError(
        'check the saved signing key',
        found.status,
        await found.json().catch(() => null),
      );
    else if ((await found.json()).revokedAt !== null) signingKey = null;
    if (!signingKey) log('the saved signing key is gone or revoked: creating another');
  }
  if (!signingKey) {
    const created = await api.call('create an HS256 signing key', 'POST', `${tenantPath}/keys`, {
      json: { type: 'hs256', label: 'Demo CRM' },
    });
    signingKey = { kid: created.body.kid, secret: created.body.secret };
    keyCreated = true;
    log(`signing key ${signingKey.kid} created`);
  }

  return {
    tenantId: tenant.id,
    tokenAudience: tenant.settings.tokenAudience ?? 'seatgate',
    signingKey,
    keyCreated,
  };
}
