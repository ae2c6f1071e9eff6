// What `npm run demo` prints once everything is up: where to go, how to sign in, a curl sequence
// that logs a business user in end to end, and one machine-readable line for scripts and tests
// (`[seatgate] ready {...}`). The curl block is printed verbatim-runnable in bash: the demo's
// end-to-end test runs exactly what is printed.

export const CURL_BLOCK_TITLE = 'Log alice in with curl (bash):';

export function curlSequence({ gatewayUrl, crmUrl, sdkAppId, user = 'alice' }) {
  return [
    `# 1. the demo CRM (the vendor's backend) signs a business token for ${user}`,
    `TOKEN=$(curl -s -X POST ${crmUrl}/api/token -d user=${user})`,
    `# 2. Seatgate trades it for a one-time login URL (${user} has seats in two apps: name one)`,
    `LOGIN=$(curl -s -X POST ${gatewayUrl}/api/v1/login -H "Authorization: Bearer $TOKEN" \\`,
    `  -H 'Content-Type: application/json' -d '{"sdkAppId":${sdkAppId}}')`,
    'echo "$LOGIN"',
    `URL=$(node -pe 'JSON.parse(process.argv[1]).loginUrl' "$LOGIN")`,
    "# 3. its first use redirects (302) to TCCC's SdkURL ...",
    `curl -s -o /dev/null -w '%{http_code} %{redirect_url}\\n' "$URL"`,
    '# 4. ... and every later use answers 410 (ticket_used)',
    `curl -s -o /dev/null -w '%{http_code}\\n' "$URL"`,
  ];
}

export function readyBanner(info) {
  const indent = (lines, by) => lines.map((line) => `${' '.repeat(by)}${line}`).join('\n');
  const users = info.users.map((user) => user.id).join(', ');
  const apps = info.apps.map((app) => `${app.sdkAppId} (${app.label})`).join(', ');
  return `
Seatgate is running.

  Console        ${info.gatewayUrl}/
  Sign in as     ${info.adminEmail}  /  ${info.adminPassword}
  Demo CRM       ${info.crmUrl}/   (pick a user, log in to the workstation)
  Admin API      ${info.gatewayUrl}/api   (OpenAPI: ${info.gatewayUrl}/api/docs)
  TCCC emulator  ${info.emulatorUrl}   apps ${apps}
  Demo tenant    ${info.tenantSlug}: users ${users}; signing key ${info.kid}
  Health         ${info.gatewayUrl}/health/ready
  Data and logs  .seatgate/   (delete it to start from scratch)

  ${CURL_BLOCK_TITLE}
${indent(curlSequence(info), 4)}

Press Ctrl-C to stop.
`;
}

export function readyLine(info) {
  return `[seatgate] ready ${JSON.stringify({
    console: `${info.gatewayUrl}/`,
    gateway: info.gatewayUrl,
    crm: `${info.crmUrl}/`,
    emulator: info.emulatorUrl,
    tenant: info.tenantSlug,
    admin: info.adminEmail,
  })}`;
}
