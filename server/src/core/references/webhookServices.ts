import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, integer, list, record, text } from './fields';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

/**
 * A Service the API server itself calls: an admission webhook's `clientConfig.service` or an
 * APIService's `spec.service`. Both name the namespace explicitly and default the port to 443.
 */
export interface ApiServerServiceRef {
  /** Path to the `service` mapping. */
  readonly path: ValuePath;
  /** `webhooks[0].clientConfig.service` or `spec.service`, for messages. */
  readonly field: string;
  /** The webhook's name or the APIService's, for messages. */
  readonly caller: string;
  readonly name?: string;
  readonly namespace?: string;
  /** `port`, else 443. */
  readonly port: number;
  readonly portWritten: boolean;
  /** What happens while the API server cannot call it, for messages. */
  readonly consequence: string;
}

export function isWebhookConfiguration(object: ManifestObject): boolean {
  return (WEBHOOK_KINDS as readonly string[]).includes(object.kind) && object.apiVersion.startsWith('admissionregistration.k8s.io/');
}

export function isApiService(object: ManifestObject): boolean {
  return object.kind === 'APIService' && object.apiVersion.startsWith('apiregistration.k8s.io/');
}

/** Every Service the API server calls for this object: none for a webhook by `url` or a local APIService. */
export function apiServerServiceRefs(object: ManifestObject): ApiServerServiceRef[] {
  const refs: ApiServerServiceRef[] = [];
  const add = (service: unknown, path: ValuePath, field: string, caller: string, consequence: string): void => {
    const value = record(service);
    if (!value) return;
    const port = integer(value.port);
    refs.push({ path, field, caller, name: text(value.name), namespace: text(value.namespace), port: port ?? 443, portWritten: port !== undefined, consequence });
  };
  if (isApiService(object)) add(at(object.body, 'spec', 'service'), ['spec', 'service'], 'spec.service', `APIService "${object.name}"`, 'its API group is unavailable');
  else if (isWebhookConfiguration(object)) {
    list(at(object.body, 'webhooks')).forEach((webhook, index) => {
      add(at(webhook, 'clientConfig', 'service'), ['webhooks', index, 'clientConfig', 'service'], `webhooks[${index}].clientConfig.service`, `webhook "${text(at(webhook, 'name')) ?? index}"`,
        // failurePolicy defaults to Fail in admissionregistration.k8s.io/v1
        at(webhook, 'failurePolicy') === 'Ignore' ? 'the requests it matches pass unchecked' : 'every request it matches is rejected');
    });
  }
  return refs;
}
