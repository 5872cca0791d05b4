import { useStores } from '../../app/stores-context.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { createRunFormStore, type RunFormStore } from './run-form-store.js';

// One run form per app (per action runner): the containers and images views share it.
const forms = new WeakMap<ActionRunner, RunFormStore>();

export function useRunForm(): RunFormStore {
  const { run } = useStores();
  let form = forms.get(run);
  if (!form) {
    form = createRunFormStore({ run });
    forms.set(run, form);
  }
  return form;
}
