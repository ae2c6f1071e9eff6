// pino-http makes two child loggers per request, one bound to the request id and one to the whole
// request (serialized and redacted on the spot, and never used with quietReqLogger), though most
// requests never write a line of their own: at LOG_LEVEL=warn that was a twentieth of a login's
// CPU. A child made through lazyChildren() is made when it is first used instead, and a call at a
// level the logger does not write (the completion line's info at warn) makes none.
import type { Logger } from 'pino';

const noop = () => {};
/** what a child shares with the logger whose level it has, so reading it makes no child */
const LEVEL_READS = new Set<PropertyKey>(['isLevelEnabled', 'level', 'levels', 'levelVal']);

/** `logger`, whose children (and theirs) are made on first use. */
export function lazyChildren(logger: Logger): Logger {
  return new Proxy(logger, {
    get(target, prop, receiver) {
      if (prop === 'child')
        return childOf(
          () => target,
          () => target,
        );
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/**
 * `child()` of a logger that `made()` makes when needed; `leveled()` is the logger whose level the
 * child has (its parent's, until it is made and perhaps given its own).
 */
function childOf(leveled: () => Logger, made: () => Logger) {
  return (bindings: Record<string, unknown>, options?: { level?: string }) => {
    const build = () => made().child(bindings, options);
    // a child at its own level cannot ask its parent which levels it writes
    if (options?.level !== undefined) return lazyChildren(build());
    let child: Logger | undefined;
    const real = () => (child ??= build());
    const levels = () => child ?? leveled();
    return new Proxy(leveled(), {
      get(_target, prop) {
        if (prop === 'child') return childOf(levels, real);
        let source = child;
        if (source === undefined) {
          const logger = levels();
          if (LEVEL_READS.has(prop)) source = logger;
          else if (typeof prop === 'string' && prop in logger.levels.values && !logger.isLevelEnabled(prop))
            return noop;
        }
        source ??= real();
        const value = Reflect.get(source, prop) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(source) : value;
      },
      set(_target, prop, value) {
        return Reflect.set(real(), prop, value);
      },
      has(_target, prop) {
        return Reflect.has(real(), prop);
      },
    }) as Logger;
  };
}
