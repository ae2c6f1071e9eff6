// The demo CRM page: pick a user and a TCCC app, then log the user in to the workstation with
// Seatgate's loader (window.SeatgateLoader, served as /seatgate-loader.js). The business token
// comes from this CRM's own backend, POST /api/token, as it would in a real vendor's app.
(function () {
  'use strict';

  const settings = JSON.parse(document.getElementById('crm-settings').textContent);
  const $ = (id) => document.getElementById(id);
  const userSelect = $('user');
  const appSelect = $('app');
  const loginButton = $('login');
  const resetButton = $('reset');
  const takeOverButton = $('take-over');
  const focusOtherButton = $('focus-other');
  const status = $('status');
  const errorBox = $('error');
  const events = $('events');
  const seatHint = $('seat-hint');
  const workstation = $(settings.renderDomId);
  const placeholder = workstation.firstElementChild;

  const userById = new Map(settings.users.map((user) => [user.id, user]));
  const appLabel = new Map(settings.apps.map((app) => [app.sdkAppId, app.label]));

  function text(node, english, chinese) {
    node.textContent = english;
    if (chinese) {
      const zh = document.createElement('span');
      zh.className = 'zh';
      zh.textContent = ` · ${chinese}`;
      node.appendChild(zh);
    }
  }

  function setStatus(state, english, chinese) {
    status.dataset.state = state;
    text(status, english, chinese);
  }

  function logEvent(english, chinese) {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    item.appendChild(time);
    const body = document.createElement('span');
    text(body, english, chinese);
    item.appendChild(body);
    events.appendChild(item);
  }

  function selectedSeat() {
    const user = userById.get(userSelect.value);
    const sdkAppId = Number(appSelect.value);
    return { user, sdkAppId, seat: user.seats.find((seat) => seat.sdkAppId === sdkAppId) };
  }

  function showSeatHint() {
    const { user, sdkAppId, seat } = selectedSeat();
    const others = user.seats.filter((s) => s.sdkAppId !== sdkAppId).map((s) => s.sdkAppId);
    if (seat) {
      text(seatHint, `Seat: ${seat.seatUserId} in ${sdkAppId}`, `坐席：${seat.seatUserId}`);
    } else if (others.length > 0) {
      text(
        seatHint,
        `No seat in ${sdkAppId} (only in ${others.join(', ')}): expect seat_not_mapped`,
        '该应用下没有坐席',
      );
    } else {
      text(seatHint, `${user.id} has no seat at all: expect seat_not_mapped`, '该用户没有坐席');
    }
  }

  function showError(error) {
    errorBox.replaceChildren();
    const rows = [
      ['code', error.code],
      ['message', error.message],
      ['server code', error.serverCode],
      ['HTTP status', error.status],
      ['reason', error.reason],
      ['request id', error.requestId],
      ['retry after (s)', error.retryAfter],
    ];
    for (const [label, value] of rows) {
      if (value === undefined || value === null || value === '') continue;
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = String(value);
      dd.dataset.field = label.replace(/\s/g, '-');
      errorBox.append(dt, dd);
    }
    errorBox.hidden = false;
  }

  async function fetchToken(userId) {
    const response = await fetch('/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ user: userId }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`the CRM refused a token: ${body.code}: ${body.message}`);
    logEvent(
      `Business token for ${userId}, valid until ${new Date(body.expiresAt).toLocaleTimeString()}`,
      '已签发业务令牌',
    );
    return body.token;
  }

  function onLoaderEvent(event) {
    if (event.type === 'loading')
      logEvent('Asking Seatgate for a one-time login', '向 Seatgate 请求一次性登录');
    else if (event.type === 'retry')
      logEvent(`SDK token expired; fresh login (attempt ${event.attempt})`, 'SDK 令牌过期，重新登录');
    else if (event.type === 'ready') logEvent(`Workstation ready (login ${event.loginId})`, '工作台已就绪');
    else if (event.type === 'error') logEvent(`Failed: ${event.error.code}`, '登录失败');
    // After ready, the workstation this tab loaded can end: another tab took it, or an admin signed
    // the seat out (Seatgate's sign-out, TCCC's ForceMemberOffline). The loader has unloaded it.
    else if (event.type === 'taken_over') {
      logEvent('Another tab took the workstation over', '另一个标签页接管了工作台');
      setStatus('elsewhere', 'The workstation moved to another tab', '工作台已转到另一个标签页');
      workstationGone();
    } else if (event.type === 'signed_out') {
      logEvent(`Signed out: ${event.error.reason || event.error.message}`, '已被管理员签出');
      setStatus(
        'signed-out',
        `An administrator signed this seat out (${event.error.reason || 'no reason given'})`,
        '管理员已将此坐席签出',
      );
      showError(event.error);
      workstationGone();
    } else if (event.type === 'focus_requested') {
      logEvent('Another tab asked for this one', '另一个标签页请求切换到此处');
      const title = document.title;
      document.title = '☎ ' + title;
      setTimeout(() => (document.title = title), 3000);
    }
  }

  function workstationGone() {
    workstation.replaceChildren(placeholder);
    resetButton.hidden = true;
    loginButton.disabled = false;
  }

  // Another tab of this browser holds this seat's workstation: offer to move it here, or to go there.
  function offerOtherTab(error) {
    setStatus('elsewhere', 'The workstation is open in another tab', '工作台已在另一个标签页打开');
    takeOverButton.hidden = !error.takeOver;
    focusOtherButton.hidden = false;
    takeOverButton.onclick = () => {
      takeOverButton.hidden = focusOtherButton.hidden = true;
      void logIn(error.takeOver);
    };
    focusOtherButton.onclick = () => error.focusOther();
  }

  async function logIn(takeOver) {
    const { user, sdkAppId, seat } = selectedSeat();
    loginButton.disabled = true;
    userSelect.disabled = true;
    appSelect.disabled = true;
    errorBox.hidden = true;
    workstation.replaceChildren();
    setStatus('loading', `Signing ${user.id} in to ${sdkAppId} …`, '正在登录…');
    try {
      await (takeOver
        ? takeOver()
        : window.SeatgateLoader.loadTccc({
            gateway: settings.gateway,
            getToken: () => fetchToken(user.id),
            sdkAppId,
            renderDomId: settings.renderDomId,
            onEvent: onLoaderEvent,
          }));
      setStatus(
        'ready',
        `Workstation ready: ${user.id} as ${seat ? seat.seatUserId : 'its seat'} (${appLabel.get(sdkAppId)})`,
        '工作台已就绪',
      );
      resetButton.hidden = false;
    } catch (error) {
      if (error.code === 'workstation_open_elsewhere') offerOtherTab(error);
      else if (error.code === 'signed_out') {
        setStatus('signed-out', 'An administrator signed this seat out', '管理员已将此坐席签出');
      } else setStatus('error', `Login failed: ${error.code || error.name}`, '登录失败');
      showError(error);
      workstation.replaceChildren(placeholder);
      loginButton.disabled = false;
      userSelect.disabled = false;
      appSelect.disabled = false;
    }
  }

  userSelect.addEventListener('change', showSeatHint);
  appSelect.addEventListener('change', showSeatHint);
  loginButton.addEventListener('click', () => void logIn());
  // the loader keeps one workstation per page: another user needs a fresh page
  resetButton.addEventListener('click', () => window.location.reload());
  showSeatHint();
})();
