// Entry of the one-file `<script>` build: esbuild exposes these exports as `window.SeatgateLoader`.
export { loadTccc, onLoaderEvent, SeatgateLoaderError } from './index';
