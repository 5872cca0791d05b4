import { volumeNameProblem, type CreateVolumeInput } from '../../../shared/volume-types.js';

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface CreateVolumeForm {
  name: string;
  driver: string;
  labels: readonly KeyValueRow[];
  options: readonly KeyValueRow[];
}

export const emptyCreateForm: CreateVolumeForm = { name: '', driver: 'local', labels: [], options: [] };

export type CreateFormProblems = Partial<Record<'name' | 'driver' | 'labels' | 'options', string>>;

function keyValues(rows: readonly KeyValueRow[], what: string): { values: Record<string, string>; problem?: string } {
  const values: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (key === '') return { values, problem: `Every ${what} needs a key` };
    if (/[=\s]/.test(key)) return { values, problem: `${what[0]?.toUpperCase()}${what.slice(1)} keys have no spaces and no = (“${key}”)` };
    if (Object.prototype.hasOwnProperty.call(values, key)) return { values, problem: `The ${what} “${key}” is given twice` };
    values[key] = row.value;
  }
  return { values };
}

/**
 * The create dialog's fields as the contract's input, or what is wrong with them (shown beside
 * each field). The input is also what the live `docker volume create` line is made from.
 */
export function toCreateInput(form: CreateVolumeForm): { input: CreateVolumeInput; problems: CreateFormProblems } {
  const problems: CreateFormProblems = {};
  const name = form.name.trim();
  const nameProblem = volumeNameProblem(name);
  if (nameProblem) problems.name = nameProblem;
  const driver = form.driver.trim() || 'local';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/.test(driver)) problems.driver = 'A driver name: local, or a plugin such as vieux/sshfs';
  const labels = keyValues(form.labels, 'label');
  if (labels.problem) problems.labels = labels.problem;
  const options = keyValues(form.options, 'option');
  if (options.problem) problems.options = options.problem;
  const input: CreateVolumeInput = {
    ...(name ? { name } : {}),
    driver,
    ...(Object.keys(labels.values).length > 0 ? { labels: labels.values } : {}),
    ...(Object.keys(options.values).length > 0 ? { options: options.values } : {}),
  };
  return { input, problems };
}
