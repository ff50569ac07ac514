import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, integer, list, record, text } from './fields';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

/**
 * A Service the API server itself calls: an admission webhook's `clientConfig.service`, an
 * APIService's `spec.service` or a CustomResourceDefinition's conversion webhook
 * `spec.conversion.webhook.clientConfig.service`. All name the namespace explicitly and default the port to 443.
 */
export interface ApiServerServiceRef {
  /** Path to the `service` mapping. */
  readonly path: ValuePath;
  /** `webhooks[0].clientConfig.service`, `spec.service` or `spec.conversion.webhook.clientConfig.service`, for messages. */
  readonly field: string;
  /** The webhook's name, the APIService's or the CRD's, for messages. */
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

export function isCustomResourceDefinition(object: ManifestObject): boolean {
  return object.kind === 'CustomResourceDefinition' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** The kinds whose objects name a Service for the API server to call. */
export const API_SERVER_CALLER_KINDS = [...WEBHOOK_KINDS, 'APIService', 'CustomResourceDefinition'] as const;

/** Every Service the API server calls for this object: none for a webhook by `url`, a local APIService or a CRD that converts nothing. */
export function apiServerServiceRefs(object: ManifestObject): ApiServerServiceRef[] {
  const refs: ApiServerServiceRef[] = [];
  const add = (service: unknown, path: ValuePath, field: string, caller: string, consequence: string): void => {
    const value = record(service);
    if (!value) return;
    const port = integer(value.port);
    refs.push({ path, field, caller, name: text(value.name), namespace: text(value.namespace), port: port ?? 443, portWritten: port !== undefined, consequence });
  };
  if (isApiService(object)) add(at(object.body, 'spec', 'service'), ['spec', 'service'], 'spec.service', `APIService "${object.name}"`, 'its API group is unavailable');
  else if (isCustomResourceDefinition(object)) {
    // apiextensions.k8s.io/v1 calls the webhook only with strategy Webhook; v1beta1 kept its clientConfig beside the strategy
    const conversion = at(object.body, 'spec', 'conversion');
    if (at(conversion, 'strategy') !== 'Webhook') return refs;
    const v1 = record(at(conversion, 'webhook', 'clientConfig')) !== undefined;
    const path: ValuePath = v1 ? ['spec', 'conversion', 'webhook', 'clientConfig', 'service'] : ['spec', 'conversion', 'webhookClientConfig', 'service'];
    add(at(object.body, ...path), path, path.join('.'), `the conversion webhook of CustomResourceDefinition "${object.name}"`, 'its custom resources cannot be read or written in a version other than the one stored');
  } else if (isWebhookConfiguration(object)) {
    list(at(object.body, 'webhooks')).forEach((webhook, index) => {
      add(at(webhook, 'clientConfig', 'service'), ['webhooks', index, 'clientConfig', 'service'], `webhooks[${index}].clientConfig.service`, `webhook "${text(at(webhook, 'name')) ?? index}"`,
        // failurePolicy defaults to Fail in admissionregistration.k8s.io/v1
        at(webhook, 'failurePolicy') === 'Ignore' ? 'the requests it matches pass unchecked' : 'every request it matches is rejected');
    });
  }
  return refs;
}
