import { calls } from '../../../shared/contract.js';
import type { ShellOptions } from './terminals-store.js';

export interface ShellOptionsForm {
  shell: 'auto' | 'bash' | 'sh';
  user: string;
  workdir: string;
  /** One `NAME=value` a line. */
  env: string;
}

export const defaultShellForm: ShellOptionsForm = { shell: 'auto', user: '', workdir: '', env: '' };

const fields = calls['terminal.open'].input.pick({ user: true, workdir: true, env: true });

/** The form as terminal.open options, or the first problem per field (checked by the contract's own schema). */
export function parseShellOptions(
  form: ShellOptionsForm,
): { ok: true; options: ShellOptions } | { ok: false; errors: Partial<Record<'user' | 'workdir' | 'env', string>> } {
  const user = form.user.trim();
  const workdir = form.workdir.trim();
  const env = form.env
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const candidate = { ...(user ? { user } : {}), ...(workdir ? { workdir } : {}), ...(env.length ? { env } : {}) };
  const parsed = fields.safeParse(candidate);
  if (!parsed.success) {
    const errors: Partial<Record<'user' | 'workdir' | 'env', string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'user' || field === 'workdir' || field === 'env') && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, options: { shell: form.shell, ...parsed.data } };
}
