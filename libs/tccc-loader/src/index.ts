// @seatgate/tccc-loader: loads TCCC's agent Web SDK through Seatgate, once per page.
import { browserHost } from './browser-host';
import { createLoader } from './tccc-loader';

export { SeatgateLoaderError, errorFromResponse, parseRetryAfter } from './loader.errors';
export type { LoaderErrorCode, LoaderErrorFields } from './loader.errors';
export { createLoader } from './tccc-loader';
export type {
  LoadTcccOptions,
  LoaderEvent,
  LoaderHost,
  LoaderListener,
  LoginHttpResponse,
  TcccLoader,
} from './tccc-loader';
export type { Tccc, TcccEvents, TcccListener, TcccResult } from './tccc.types';
export { browserHost };

const pageLoader = createLoader(browserHost);

/** Loads the SDK through Seatgate and resolves with `window.tccc` once it is ready. */
export const loadTccc = pageLoader.loadTccc;
/** Subscribes to every load's lifecycle events on this page; returns the unsubscribe function. */
export const onLoaderEvent = pageLoader.onLoaderEvent;
