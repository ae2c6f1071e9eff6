// The stand-in for TCCC's agent workstation Web SDK, served at the SdkURL. Its configuration
// (token, seat, SdkAppId, the emulator's URL) is baked into the text server-side: after a
// redirect, document.currentScript.src is still the page's original src, not the emulator URL.
//
// Behaviour (documented in README.md):
// - defines window.tccc (replacing and tearing down an earlier emulator instance: re-initialising
//   after tokenExpired must work);
// - verifies the token with the emulator (this is what spends an OnlyOnce token), then emits
//   `ready` or `tokenExpired` {message} — always asynchronously, after the script's load event;
// - `ready` and `tokenExpired` are sticky: a listener registered after they fired is still called
//   once, asynchronously. Other events are not replayed;
// - renders a placeholder workstation into #<data-render-dom-id>, or a floating button;
// - once verified, keeps an event stream open to the emulator (its connection report: the seat is a
//   connected Web client while it is open) before it fires `ready`; status changes made elsewhere
//   arrive on it as statusChanged, and ForceMemberOffline as the emulated `kickedOut` event;
// - removing the workstation from the page ends its session (and its stream) as destroy() does.

export interface AgentSdkScriptConfig {
  token: string;
  sdkAppId: number | null;
  seat: string | null;
  baseUrl: string;
  verifyUrl: string;
  statusUrl: string;
  eventsUrl: string;
  version: string;
}

const BROWSER_SOURCE = String.raw`(function (config) {
  'use strict';
  var currentScript = document.currentScript;
  var renderDomId = currentScript && currentScript.dataset ? currentScript.dataset.renderDomId : undefined;
  var previous = window.tccc;
  if (previous && previous.__emulator && typeof previous.__emulator.destroy === 'function') {
    previous.__emulator.destroy();
  }

  var events = {
    ready: 'ready',
    tokenExpired: 'tokenExpired',
    callIn: 'callIn',
    callOuted: 'callOuted',
    userAccessed: 'userAccessed',
    sessionEnded: 'sessionEnded',
    sessionCompleted: 'sessionCompleted',
    calloutAccepted: 'calloutAccepted',
    autoTransfer: 'autoTransfer',
    transfer: 'transfer',
    statusChanged: 'statusChanged',
    // Emulator-only: TCCC documents no event for ForceMemberOffline (unconfirmed which one it fires).
    kickedOut: 'kickedOut'
  };
  // The Web SDK's agent statuses ("arrange" is the API's afterCallWork); offline is Agent.offline().
  var STATUSES = ['free', 'busy', 'arrange', 'notReady', 'rest'];
  var STICKY = { ready: true, tokenExpired: true };
  var listeners = {};
  var fired = {};
  var destroyed = false;
  var state = {
    phase: 'loading',
    agentStatus: 'offline',
    message: '',
    sessionId: null,
    seat: config.seat,
    sdkAppId: config.sdkAppId,
    visible: !!renderDomId,
    floatButtonVisible: true
  };
  var ui = null;
  var stream = null;
  var calls = {};
  var callSeq = 0;

  function later(fn) { setTimeout(fn, 0); }
  function safeCall(fn, payload) {
    try { fn(payload); } catch (error) { setTimeout(function () { throw error; }, 0); }
  }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  function on(name, fn) {
    if (typeof fn !== 'function') return;
    (listeners[name] = listeners[name] || []).push(fn);
    if (STICKY[name] && has(fired, name)) {
      var payload = fired[name];
      later(function () {
        if (!destroyed && (listeners[name] || []).indexOf(fn) >= 0) safeCall(fn, payload);
      });
    }
  }
  function off(name, fn) {
    if (!listeners[name]) return;
    if (!fn) { delete listeners[name]; return; }
    listeners[name] = listeners[name].filter(function (f) { return f !== fn; });
  }
  function emit(name, payload) {
    if (destroyed) return;
    if (STICKY[name]) fired[name] = payload;
    (listeners[name] || []).slice().forEach(function (fn) { safeCall(fn, payload); });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'style') node.style.cssText = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function row(label, testId) {
    var line = el('div', { style: 'margin:6px 0' });
    line.appendChild(el('span', { style: 'display:inline-block;width:120px;color:#5b6b7f' }, label));
    var value = el('span', { 'data-testid': testId, style: 'font-weight:600' });
    line.appendChild(value);
    return { line: line, value: value };
  }
  function buildWorkstation() {
    var root = el('div', {
      'data-testid': 'tccc-workstation',
      'data-emulator': 'ccc-emulator',
      style: 'box-sizing:border-box;width:100%;height:100%;min-height:200px;padding:16px;background:#f5f7fa;' +
        'border:1px solid #c8d1dc;border-radius:6px;color:#1f2d3d;font:14px/1.4 system-ui,sans-serif;overflow:auto'
    });
    root.appendChild(el('div', { style: 'font-size:16px;font-weight:700;margin-bottom:12px' }, 'TCCC agent workstation (emulator)'));
    var seat = row('Seat', 'tccc-seat');
    var app = row('SdkAppId', 'tccc-sdkappid');
    var status = row('Status', 'tccc-status');
    var agent = row('Agent status', 'tccc-agent-status');
    [seat, app, status, agent].forEach(function (r) { root.appendChild(r.line); });
    var message = el('div', { 'data-testid': 'tccc-message', style: 'margin-top:8px;color:#c0392b' });
    root.appendChild(message);
    var buttons = el('div', { style: 'margin-top:12px' });
    var online = el('button', { type: 'button', 'data-testid': 'tccc-online' }, 'Go online');
    var offline = el('button', { type: 'button', 'data-testid': 'tccc-offline', style: 'margin-left:8px' }, 'Go offline');
    online.addEventListener('click', function () { api.Agent.online(); });
    offline.addEventListener('click', function () { api.Agent.offline(); });
    buttons.appendChild(online);
    buttons.appendChild(offline);
    root.appendChild(buttons);
    return { root: root, seat: seat.value, app: app.value, status: status.value, agent: agent.value, message: message, online: online, offline: offline };
  }

  function mount() {
    if (ui || destroyed) return;
    var target = renderDomId ? document.getElementById(renderDomId) : null;
    if (renderDomId && !target && document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', mount, { once: true });
      return;
    }
    if (!target && !document.body) {
      document.addEventListener('DOMContentLoaded', mount, { once: true });
      return;
    }
    var ws = buildWorkstation();
    if (target) {
      target.appendChild(ws.root);
      ui = { mode: 'embedded', ws: ws, nodes: [ws.root], panel: ws.root, button: null };
    } else {
      if (renderDomId) console.warn('[tccc emulator] no element with id "' + renderDomId + '"; rendering a floating button');
      var panel = el('div', {
        'data-testid': 'tccc-floating-panel',
        style: 'position:fixed;right:24px;bottom:96px;width:760px;height:480px;z-index:2147483000;display:none;' +
          'box-shadow:0 8px 24px rgba(0,0,0,.2);background:#fff'
      });
      panel.appendChild(ws.root);
      var button = el('button', {
        type: 'button',
        'data-testid': 'tccc-floating-button',
        'aria-label': 'Open the TCCC agent workstation',
        style: 'position:fixed;right:24px;bottom:24px;width:56px;height:56px;border-radius:28px;border:0;' +
          'background:#006eff;color:#fff;font:600 13px system-ui,sans-serif;cursor:pointer;z-index:2147483001'
      }, 'TCCC');
      button.addEventListener('click', function () { setVisible(!state.visible); });
      document.body.appendChild(panel);
      document.body.appendChild(button);
      ui = { mode: 'floating', ws: ws, nodes: [panel, button], panel: panel, button: button };
    }
    watchRemoval(ui.panel);
    update();
  }

  // The workstation lives only while it is on the page, as a frame's session would: when the host
  // removes it (Seatgate's loader empties the render target when it unloads a workstation), the
  // session ends and the seat stops counting it as a connected Web client.
  var removalWatcher = null;
  function watchRemoval(node) {
    if (typeof MutationObserver !== 'function') return;
    removalWatcher = new MutationObserver(function () {
      if (!node.isConnected) api.__emulator.destroy();
    });
    removalWatcher.observe(document.documentElement, { childList: true, subtree: true });
  }

  function update() {
    if (!ui) return;
    var ws = ui.ws;
    ws.seat.textContent = state.seat || '(unknown)';
    ws.app.textContent = state.sdkAppId === null ? '(unknown)' : String(state.sdkAppId);
    ws.status.textContent = state.phase;
    ws.agent.textContent = state.agentStatus;
    ws.message.textContent = state.message;
    ws.root.setAttribute('data-phase', state.phase);
    ws.root.setAttribute('data-agent-status', state.agentStatus);
    ws.online.disabled = state.phase !== 'ready';
    ws.offline.disabled = state.phase !== 'ready';
    if (ui.mode === 'floating') {
      ui.panel.style.display = state.visible ? 'block' : 'none';
      ui.button.style.display = state.floatButtonVisible ? '' : 'none';
    } else ui.panel.style.display = state.visible ? '' : 'none';
  }

  function setVisible(visible) {
    state.visible = visible;
    update();
  }
  function setFloatButtonVisible(visible) {
    state.floatButtonVisible = visible;
    update();
  }

  function closeStream() {
    if (stream) stream.close();
    stream = null;
  }
  function onPushedStatus(event) {
    var data = JSON.parse(event.data);
    var status = data.status === 'afterCallWork' ? 'arrange' : data.status;
    if (destroyed || status === state.agentStatus) return;
    state.agentStatus = status;
    update();
    emit('statusChanged', { status: status });
  }
  function onKickedOut(event) {
    var data = JSON.parse(event.data);
    closeStream();
    state.phase = 'kickedOut';
    state.agentStatus = 'offline';
    state.sessionId = null;
    state.message = data.message;
    update();
    emit('kickedOut', data);
  }
  // The connection report: open the stream, then call done once it is open (or cannot be).
  function openStream(done) {
    var settled = false;
    function settle() {
      if (settled) return;
      settled = true;
      later(done);
    }
    if (typeof EventSource !== 'function') return settle();
    stream = new EventSource(config.eventsUrl + '?sessionId=' + encodeURIComponent(state.sessionId));
    stream.addEventListener('open', settle);
    stream.addEventListener('error', function () { if (!stream || stream.readyState === 2) settle(); });
    stream.addEventListener('status', onPushedStatus);
    stream.addEventListener('kickedOut', onKickedOut);
    setTimeout(settle, 3000);
  }

  function expire(message) {
    if (destroyed) return;
    state.phase = 'tokenExpired';
    state.message = message;
    update();
    emit('tokenExpired', { message: message });
  }

  function postJson(url, body) {
    // text/plain keeps this a CORS "simple request": no preflight.
    return fetch(url, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  function verify() {
    if (!config.token) {
      later(function () { expire('token is missing'); });
      return;
    }
    postJson(config.verifyUrl, { token: config.token }).then(function (result) {
      later(function () {
        if (destroyed) return;
        if (result && result.ok === true) {
          state.phase = 'ready';
          state.message = '';
          state.sessionId = result.sessionId;
          state.seat = result.seat;
          state.sdkAppId = result.sdkAppId;
          openStream(function () {
            if (destroyed || state.phase !== 'ready') return;
            update();
            emit('ready', {});
          });
        } else {
          expire(result && typeof result.message === 'string' ? result.message : 'token expired');
        }
      });
    }, function (error) {
      later(function () { expire('could not verify the token: ' + (error && error.message ? error.message : String(error))); });
    });
  }

  function success(data) {
    return Promise.resolve(data === undefined ? { status: 'success' } : { status: 'success', data: data });
  }
  function failure(errorMsg) {
    return Promise.resolve({ status: 'error', errorMsg: errorMsg });
  }
  function whenReady(fn) {
    return function (options) {
      if (destroyed) return failure('SDK instance was replaced');
      if (state.phase !== 'ready') return failure('SDK is not ready');
      return fn(options || {});
    };
  }

  function setAgentStatus(status, reason) {
    var body = { sessionId: state.sessionId, status: status };
    if (typeof reason === 'string') body.reason = reason;
    return postJson(config.statusUrl, body).then(function (result) {
      if (!result || result.ok !== true) return { status: 'error', errorMsg: (result && result.message) || 'status rejected' };
      state.agentStatus = status;
      update();
      emit('statusChanged', { status: status });
      return { status: 'success' };
    }, function (error) {
      return { status: 'error', errorMsg: 'emulator unreachable: ' + (error && error.message ? error.message : String(error)) };
    });
  }

  function endCall(sessionId, closeBy) {
    var call = calls[sessionId];
    if (!call) return;
    delete calls[sessionId];
    later(function () {
      emit('sessionEnded', {
        sessionId: sessionId,
        type: 'phone',
        duration: Math.round((Date.now() - call.startedAt) / 1000),
        closeBy: closeBy
      });
      emit('sessionCompleted', { sessionId: sessionId });
    });
  }

  function listDevices(kind) {
    var media = navigator.mediaDevices;
    if (!media || typeof media.enumerateDevices !== 'function') return Promise.resolve([]);
    return media.enumerateDevices().then(function (devices) {
      return devices.filter(function (device) { return device.kind === kind; }).map(function (device) {
        return { deviceId: device.deviceId, groupId: device.groupId, kind: device.kind, label: device.label };
      });
    }, function () { return []; });
  }

  var ok = whenReady(function () { return success(); });
  var api = {
    events: events,
    on: on,
    off: off,
    Agent: {
      online: whenReady(function () { return setAgentStatus('free'); }),
      offline: whenReady(function () { return setAgentStatus('offline'); }),
      setStatus: whenReady(function (options) {
        if (STATUSES.indexOf(options.status) < 0) {
          return failure('unknown status "' + String(options.status) + '"; expected one of ' + STATUSES.join(', '));
        }
        return setAgentStatus(options.status, options.reason);
      }),
      /** The current agent status, e.g. "offline", "free", "busy", "rest". */
      getStatus: function () { return state.agentStatus; }
    },
    Call: {
      startOutboundCall: whenReady(function (options) {
        if (!options.phoneNumber) return failure('phoneNumber is required');
        var sessionId = 'emu-' + Date.now().toString(36) + '-' + (++callSeq);
        calls[sessionId] = { startedAt: Date.now(), phoneNumber: String(options.phoneNumber) };
        later(function () {
          emit('callOuted', { sessionId: sessionId, calleePhoneNumber: String(options.phoneNumber) });
          // Emulated: the callee answers at once.
          if (calls[sessionId]) emit('calloutAccepted', { sessionId: sessionId });
        });
        return success({ sessionId: sessionId });
      }),
      accept: ok,
      hungUp: whenReady(function (options) {
        endCall(options.sessionId, 'seat');
        return success();
      }),
      muteMic: ok,
      unmuteMic: ok,
      hold: ok,
      unHold: ok,
      transfer: whenReady(function (options) {
        // Unconfirmed payload: the emulator echoes the session and the transfer target.
        later(function () { emit('transfer', { sessionId: options.sessionId, transferType: options.type, target: options }); });
        return success();
      })
    },
    Devices: {
      isBrowserSupported: function () { return typeof fetch === 'function' && typeof Promise === 'function'; },
      getMicrophones: function () { return listDevices('audioinput'); },
      getSpeakers: function () { return listDevices('audiooutput'); }
    },
    UI: {
      show: function () { setVisible(true); },
      hide: function () { setVisible(false); },
      showWorkbench: function () { setVisible(true); },
      hideWorkbench: function () { setVisible(false); },
      showfloatButton: function () { setFloatButtonVisible(true); },
      hidefloatButton: function () { setFloatButtonVisible(false); }
    },
    __emulator: {
      version: config.version,
      renderDomId: renderDomId || null,
      state: function () {
        return { phase: state.phase, agentStatus: state.agentStatus, seat: state.seat, sdkAppId: state.sdkAppId, message: state.message };
      },
      /** Fires an SDK event as if TCCC had pushed it (e.g. callIn), for page tests and demos. */
      simulate: function (name, payload) { later(function () { emit(name, payload); }); },
      destroy: function () {
        destroyed = true;
        if (removalWatcher) removalWatcher.disconnect();
        closeStream();
        listeners = {};
        if (ui) ui.nodes.forEach(function (node) { if (node.parentNode) node.parentNode.removeChild(node); });
        ui = null;
      }
    }
  };

  window.tccc = api;
  mount();
  verify();
})(__CONFIG__);
`;

/** JSON that is safe inside a <script> block and in JS source (no "</script>", U+2028/9). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function agentSdkScript(config: AgentSdkScriptConfig): string {
  const [head, tail] = BROWSER_SOURCE.split('__CONFIG__');
  return `/* TCCC agent SDK stand-in, served by @seatgate/ccc-emulator ${config.version} */\n${head}${scriptSafeJson(config)}${tail}`;
}
