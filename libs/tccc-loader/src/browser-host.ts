// The real page behind LoaderHost: fetch, a script tag in <body> as Tencent's guide places it,
// the `window.tccc` global, window timers, and the seat's workstation claim across tabs.
import type { LoaderHost } from './tccc-loader';
import type { Tccc } from './tccc.types';

type TcccWindow = Window & { tccc?: Tccc };

export const browserHost: LoaderHost = {
  fetch: (url, init) => fetch(url, init),
  injectScript(src, renderDomId, settled) {
    const script = document.createElement('script');
    script.crossOrigin = 'anonymous';
    // The SDK reads its render target from its own tag, so it must be set before the tag runs.
    if (renderDomId) script.dataset.renderDomId = renderDomId;
    script.src = src;
    script.onload = () => settled(true);
    script.onerror = () => settled(false);
    // <body> as in the guide; <head> when called from a head script before <body> exists.
    (document.body || document.head).appendChild(script);
    return () => {
      script.onload = script.onerror = null;
      script.remove();
      // What the SDK rendered into its target goes too: an unloaded workstation must not stay on screen.
      const target = renderDomId && document.getElementById(renderDomId);
      if (target) target.textContent = '';
      // A dead SDK's global would fool the next load (and the guide's `if (window.tccc)` check).
      // A `var tccc` global cannot be deleted; emptying it is the next best thing.
      if (!Reflect.deleteProperty(window, 'tccc')) (window as TcccWindow).tccc = undefined;
    };
  },
  tccc: () => (window as TcccWindow).tccc,
  delay(fn, ms) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
  // A Web Lock held for as long as the workstation is loaded: the browser frees it when the tab
  // goes, and `steal` takes it over (the holder's request rejects, which is how it hears). Where
  // Web Locks are missing (insecure origins), a roll call on the channel stands in: the holder
  // answers "here" within ROLL_CALL_MS, and two tabs starting in the same instant can both win.
  // The channel also carries "focus", and "steal" for the roll-call holder.
  workstation(name, notify) {
    const locks = navigator.locks;
    const channel = new BroadcastChannel(name);
    let held = false;
    let released = false;
    let answered = false;
    let unlock = () => {};
    const lost = () => {
      if (held) {
        held = false;
        unlock();
        notify('lost');
      }
    };
    channel.onmessage = (message) => {
      const data: unknown = message.data;
      if (data === 'here') answered = true;
      else if (held) {
        if (data === 'who' && !locks) channel.postMessage('here');
        if (data === 'steal') lost();
        if (data === 'focus') {
          window.focus();
          notify('focus');
        }
      }
    };
    return {
      hold: (steal) =>
        new Promise<boolean>((resolve) => {
          if (locks) {
            locks
              .request(name, steal ? { steal } : { ifAvailable: true }, (lock) => {
                resolve((held = !!lock && !released));
                return held ? new Promise<void>((free) => (unlock = free)) : undefined;
              })
              .catch(lost);
          } else {
            channel.postMessage(steal ? 'steal' : 'who');
            setTimeout(() => resolve((held = (steal || !answered) && !released)), steal ? 0 : ROLL_CALL_MS);
          }
        }),
      release() {
        released = true;
        held = false;
        unlock();
        channel.close();
      },
      focusOther() {
        const other = new BroadcastChannel(name);
        other.postMessage('focus');
        other.close();
      },
    };
  },
  multiTabPolicy(gateway, policy) {
    const key = 'seatgate-multi-tab:' + gateway;
    try {
      if (policy === undefined) return localStorage.getItem(key);
      if (policy) localStorage.setItem(key, policy);
      else localStorage.removeItem(key);
    } catch {
      // Storage may be off (privacy settings, sandboxed frames): then the loader's option decides.
    }
  },
};

/** How long a tab without Web Locks waits for a holder to answer its roll call. */
const ROLL_CALL_MS = 250;
