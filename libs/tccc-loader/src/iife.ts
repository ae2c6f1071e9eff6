// Entry of the one-file `<script>` build: it puts these exports on `window.SeatgateLoader`
// itself (no `globalName`, so esbuild adds no module-wrapper helpers to the download).
import { loadTccc, onLoaderEvent, SeatgateLoaderError } from './index';

export { loadTccc, onLoaderEvent, SeatgateLoaderError };

(window as Window & { SeatgateLoader?: unknown }).SeatgateLoader = {
  loadTccc,
  onLoaderEvent,
  SeatgateLoaderError,
};
