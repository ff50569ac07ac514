import type { LabelSelector } from './schemas/workload';

/** A Service-style selector: every key must be present with the same value. */
export function matchesLabels(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/** A workload selector (`matchLabels` and `matchExpressions`), as apimachinery evaluates it. */
export function matchesLabelSelector(labels: Readonly<Record<string, string>>, selector: LabelSelector): boolean {
  if (selector.matchLabels && !matchesLabels(labels, selector.matchLabels)) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const key = expression.key ?? '';
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function formatSelector(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');
}
