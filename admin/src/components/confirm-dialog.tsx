// Confirmation in a native modal <dialog>: focus moves in and stays, Esc cancels, focus returns after.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmOptions {
  title: string;
  body: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve(ok: boolean): void;
}

/** Returns the dialog element to render and `confirm(options)`, which resolves true or false. */
export function useConfirm(): [ComponentChildren, (options: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (pending && ref.current && !ref.current.open) ref.current.showModal();
  }, [pending]);

  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })),
    [],
  );

  const finish = (ok: boolean) => {
    pending?.resolve(ok);
    ref.current?.close();
    setPending(undefined);
  };

  const element = pending ? (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-title" onCancel={() => finish(false)}>
      <h2 id="confirm-title">{pending.title}</h2>
      <div class="dialog-body">{pending.body}</div>
      <div class="actions">
        <button type="button" class="button" onClick={() => finish(false)}>
          Cancel
        </button>
        <button type="button" class={pending.danger ? 'button danger' : 'button primary'} onClick={() => finish(true)}>
          {pending.confirmLabel}
        </button>
      </div>
    </dialog>
  ) : null;
  return [element, confirm];
}
