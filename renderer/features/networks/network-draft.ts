import { formatNetworkCreate } from '../../../shared/network-contract.js';
import { networkCreateSchema, type NetworkCreateInput } from '../../../shared/network-types.js';

/** What the create form holds, as typed. */
export interface NetworkDraft {
  name: string;
  subnet: string;
  gateway: string;
  internal: boolean;
  attachable: boolean;
  /** One `key=value` a line. */
  labels: string;
}

export type DraftField = 'name' | 'subnet' | 'gateway' | 'labels';

export const emptyDraft: NetworkDraft = { name: '', subnet: '', gateway: '', internal: false, attachable: false, labels: '' };

export interface CheckedDraft {
  /** Set when the draft can be sent. */
  input?: NetworkCreateInput;
  /** One message per field that is wrong. */
  errors: Partial<Record<DraftField, string>>;
  /** The command as far as it can be written. */
  command: string;
}

function parseLabels(text: string): { labels: Record<string, string>; problem?: string } {
  const labels: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!key || /\s/.test(key)) return { labels, problem: `Line ${index + 1}: write a label as key=value, with no spaces in the key` };
    labels[key] = eq < 0 ? '' : line.slice(eq + 1);
  }
  return { labels };
}

/** Checks the draft with the same rules the contract applies, and says which field each problem is in. */
export function checkDraft(draft: NetworkDraft): CheckedDraft {
  const { labels, problem } = parseLabels(draft.labels);
  const candidate: NetworkCreateInput = {
    name: draft.name.trim(),
    ...(draft.subnet.trim() ? { subnet: draft.subnet.trim() } : {}),
    ...(draft.gateway.trim() ? { gateway: draft.gateway.trim() } : {}),
    ...(draft.internal ? { internal: true } : {}),
    ...(draft.attachable ? { attachable: true } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
  const errors: Partial<Record<DraftField, string>> = {};
  if (problem) errors.labels = problem;
  const parsed = networkCreateSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key: DraftField = field === 'subnet' || field === 'gateway' || field === 'name' ? field : 'labels';
      errors[key] ??= issue.message;
    }
  }
  const command = formatNetworkCreate(candidate);
  return Object.keys(errors).length === 0 && parsed.success ? { input: parsed.data, errors, command } : { errors, command };
}

/** Which field an engine refusal of `docker network create` is about; 'form' when none in particular. */
export function fieldOfEngineError(message: string): DraftField | 'form' {
  if (/pool overlaps|subnet|invalid cidr|no available network|address space/i.test(message)) return 'subnet';
  if (/gateway/i.test(message)) return 'gateway';
  if (/already exists|network name|invalid name|name .*(conflict|in use)/i.test(message)) return 'name';
  if (/label/i.test(message)) return 'labels';
  return 'form';
}
