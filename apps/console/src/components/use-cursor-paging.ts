import { useState } from 'react';

/**
 * Cursor paging keeps the cursors of the pages already seen, so "previous" is a pop. A new
 * `resetKey` (the filters, serialized) starts again from the first page.
 */
export function useCursorPaging(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: resetKey,
    stack: [undefined],
  });
  // adjusting state while rendering is React's documented way to reset on a prop change
  if (state.key !== resetKey) setState({ key: resetKey, stack: [undefined] });
  const stack = state.key === resetKey ? state.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    pageNumber: stack.length,
    hasPrevious: stack.length > 1,
    next: (cursor: string) => setState((current) => ({ ...current, stack: [...current.stack, cursor] })),
    previous: () =>
      setState((current) => ({
        ...current,
        stack: current.stack.length > 1 ? current.stack.slice(0, -1) : current.stack,
      })),
    reset: () => setState((current) => ({ ...current, stack: [undefined] })),
  };
}
