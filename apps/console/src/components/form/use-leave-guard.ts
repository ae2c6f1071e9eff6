// A form with unsaved changes asks before they are lost: before the router leaves the page (the
// console's links, tabs and menu), before the browser closes or reloads the tab, and before a
// modal holding the form is closed (confirmDiscard).
import { App } from 'antd';
import { useCallback, useContext, useEffect, useState } from 'react';
import { UNSAFE_NavigationContext } from 'react-router-dom';
import { useT } from '../../i18n';

export function useConfirmDiscard(): (dirty: boolean, discard: () => void) => void {
  const { modal } = App.useApp();
  const t = useT();
  return useCallback(
    (dirty, discard) => {
      if (!dirty) {
        discard();
        return;
      }
      void modal.confirm({
        title: t('unsaved.title'),
        content: t('unsaved.body'),
        okText: t('unsaved.leave'),
        okButtonProps: { danger: true },
        cancelText: t('unsaved.stay'),
        onOk: discard,
      });
    },
    [modal, t],
  );
}

export function useLeaveGuard(dirty: boolean): void {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const confirmDiscard = useConfirmDiscard();

  useEffect(() => {
    if (!dirty) return undefined;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    // BrowserRouter has no blocker API: every navigation goes through these two methods
    const { push, replace } = navigator;
    const guarded =
      (go: typeof push): typeof push =>
      (...args) =>
        confirmDiscard(true, () => go(...args));
    navigator.push = guarded(push);
    navigator.replace = guarded(replace);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      navigator.push = push;
      navigator.replace = replace;
    };
  }, [dirty, navigator, confirmDiscard]);
}

/**
 * A modal holding a form: the form reports whether it has unsaved changes (`onDirtyChange`), and
 * closing the modal (its Cancel, ×, Esc or mask) or leaving the page with them asks first.
 * `closeNow` closes without asking, for a save that succeeded.
 */
export function useFormDialog(close: () => void): {
  onDirtyChange: (dirty: boolean) => void;
  askToClose: () => void;
  closeNow: () => void;
} {
  const [dirty, setDirty] = useState(false);
  const confirmDiscard = useConfirmDiscard();
  useLeaveGuard(dirty);
  const closeNow = () => {
    setDirty(false);
    close();
  };
  return { onDirtyChange: setDirty, askToClose: () => confirmDiscard(dirty, closeNow), closeNow };
}
