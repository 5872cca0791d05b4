import { useEffect, useRef, type RefObject } from 'react';

/** A ref for a <dialog> that opens as a modal when mounted and closes when unmounted. */
export function useModalDialog(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
