// One way for a page to run a mutation and tell the user how it went: success toast, or the
// error in plain words (useNotify). `submit` rethrows, for forms that stay open on failure;
// `fire` does not, for buttons in a table row.
import type { UseMutationResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useNotify } from './use-notify';

export interface NotifyingOptions<TData> {
  /** the success toast */
  success: (data: TData) => string;
  /** what to do after it (close a modal, reset paging …) */
  then?: (data: TData) => void;
  /**
   * the variables come from a schema form (useSchemaForm), which shows the gateway's field issues
   * on its fields: those are then not also a toast
   */
  onFields?: boolean;
}

export interface NotifyingMutation<TData, TVariables> {
  submit(variables: TVariables, options: NotifyingOptions<TData>): Promise<TData>;
  fire(variables: TVariables, options: NotifyingOptions<TData>): void;
}

export function useNotifyingMutation<TData, TVariables>(
  mutation: Pick<UseMutationResult<TData, Error, TVariables>, 'mutateAsync'>,
): NotifyingMutation<TData, TVariables> {
  const notify = useNotify();
  const { mutateAsync } = mutation;
  return useMemo(() => {
    const submit = async (variables: TVariables, options: NotifyingOptions<TData>): Promise<TData> => {
      try {
        const data = await mutateAsync(variables);
        notify.success(options.success(data));
        options.then?.(data);
        return data;
      } catch (error) {
        if (options.onFields) notify.formError(error);
        else notify.error(error);
        throw error;
      }
    };
    return {
      submit,
      fire: (variables, options) => {
        // already told to the user by submit
        submit(variables, options).catch(() => undefined);
      },
    };
  }, [mutateAsync, notify]);
}
