// The real page behind LoaderHost: fetch, a script tag in <body> as Tencent's guide places it,
// the `window.tccc` global and window timers.
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
};
