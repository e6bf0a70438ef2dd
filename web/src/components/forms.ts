import type { FormInstance } from 'antd';
import { isApiError } from '../app/api';

/**
 * Puts the server's per-field messages (`details[].path`) on the matching form fields. The toast
 * with the overall message comes from the mutation cache. Returns true when any field got one.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): boolean {
  if (!isApiError(error) || error.details.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    const head = detail.path.split('.')[0] ?? '';
    if (!head) continue;
    const name = rename[head] ?? head;
    byField.set(name, [...(byField.get(name) ?? []), detail.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first, { block: 'center', behavior: 'smooth' });
  return true;
}
