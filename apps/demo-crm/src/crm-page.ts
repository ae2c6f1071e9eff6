// The CRM page: static markup, the page's settings as a JSON data block (read by public/crm.js),
// and the Content-Security-Policy it is served with.
import type { DemoCrmConfig } from './demo-crm-config';

export const RENDER_DOM_ID = 'workstation';

/** What the page script needs; never the signing key. */
export interface CrmPageSettings {
  gateway: string;
  renderDomId: string;
  apps: DemoCrmConfig['apps'];
  users: DemoCrmConfig['users'];
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// inside <script type="application/json">, only "<" can end the block early
const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Scripts: this page, the loader (served from here), and the SDK script it injects: a Seatgate
 * login URL (/api/v1/tickets/…) that redirects to TCCC's SdkURL, so both origins are listed.
 * Fetches: the token route here, Seatgate's /api/v1/login, and the SDK's own calls to its host.
 */
export function contentSecurityPolicy(config: Pick<DemoCrmConfig, 'seatgateUrl' | 'sdkOrigins'>): string {
  const gatewayOrigin = new URL(config.seatgateUrl).origin;
  const remote = [...new Set([gatewayOrigin, ...config.sdkOrigins])].join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' ${remote}`,
    `connect-src 'self' ${remote}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function renderCrmPage(config: DemoCrmConfig): string {
  const settings: CrmPageSettings = {
    gateway: config.seatgateUrl,
    renderDomId: RENDER_DOM_ID,
    apps: config.apps,
    users: config.users,
  };
  const userOptions = config.users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.id)}">${escapeHtml(user.name)} (${escapeHtml(user.id)})</option>`,
    )
    .join('');
  const appOptions = config.apps
    .map((app) => `<option value="${app.sdkAppId}">${app.sdkAppId} · ${escapeHtml(app.label)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Demo CRM · 演示 CRM</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/crm.css">
</head>
<body>
  <header class="bar">
    <div class="brand">Demo CRM <span class="zh">· 演示 CRM</span></div>
    <div class="note">A stand-in for a SaaS vendor's CRM that signs its users in to the TCCC workstation through Seatgate
      <span class="zh">· 模拟 SaaS 厂商的 CRM：通过 Seatgate 登录腾讯云联络中心坐席工作台</span></div>
  </header>
  <main>
    <section class="panel" aria-labelledby="login-title">
      <h1 id="login-title">Agent sign-in <span class="zh">· 坐席登录</span></h1>
      <div class="fields">
        <label><span>User <span class="zh">· 用户</span></span>
          <select id="user" name="user">${userOptions}</select>
        </label>
        <label><span>TCCC app <span class="zh">· 应用</span></span>
          <select id="app" name="app">${appOptions}</select>
        </label>
      </div>
      <p id="seat-hint" class="hint"></p>
      <div class="actions">
        <button id="login" type="button" class="primary">Log in to the workstation <span class="zh">· 登录工作台</span></button>
        <button id="reset" type="button" hidden>Switch user (reloads) <span class="zh">· 切换用户（重新加载）</span></button>
        <button id="take-over" type="button" hidden>Use the workstation here <span class="zh">· 在此标签页使用工作台</span></button>
        <button id="focus-other" type="button" hidden>Go to the other tab <span class="zh">· 切换到另一个标签页</span></button>
      </div>
      <p id="status" class="status" role="status" data-state="idle">Not signed in <span class="zh">· 未登录</span></p>
      <dl id="error" class="error" hidden></dl>
      <h2>Events <span class="zh">· 事件</span></h2>
      <ol id="events" class="events"></ol>
      <p class="fine">How it works <span class="zh">· 原理</span>: this page asks its own backend
        (<code>POST /api/token</code>) for a business token, and <code>SeatgateLoader.loadTccc()</code>
        trades it at <code>${escapeHtml(config.seatgateUrl)}</code> for a one-time login URL that loads
        the workstation SDK.</p>
    </section>
    <section class="stage" aria-label="Workstation · 工作台">
      <div id="${RENDER_DOM_ID}" class="workstation">
        <p class="placeholder">The TCCC workstation appears here after sign-in
          <span class="zh">· 登录后，坐席工作台显示在这里</span></p>
      </div>
    </section>
  </main>
  <script type="application/json" id="crm-settings">${jsonForScript(settings)}</script>
  <script src="/seatgate-loader.js"></script>
  <script src="/crm.js"></script>
</body>
</html>
`;
}
