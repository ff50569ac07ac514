import { z } from 'zod';
import { optional, stringMap, tolerantList } from './tolerant';

export const containerPortSchema = z.looseObject({
  name: optional(z.string()),
  containerPort: optional(z.number().int()),
  protocol: optional(z.string()),
  hostPort: optional(z.number().int()),
});

export const containerSchema = z.looseObject({
  name: optional(z.string()),
  restartPolicy: optional(z.string()),
  ports: optional(tolerantList(containerPortSchema)),
});

export const podDnsConfigSchema = z.looseObject({
  nameservers: optional(z.array(z.string())),
  searches: optional(z.array(z.string())),
  options: optional(tolerantList(z.looseObject({ name: optional(z.string()), value: optional(z.string()) }))),
});

/** Only the volume sources that name Kubernetes objects the model cares about. */
export const volumeSchema = z.looseObject({
  name: optional(z.string()),
  glusterfs: optional(z.looseObject({ endpoints: optional(z.string()) })),
});

export const podSpecSchema = z.looseObject({
  hostname: optional(z.string()),
  subdomain: optional(z.string()),
  setHostnameAsFQDN: optional(z.boolean()),
  hostNetwork: optional(z.boolean()),
  dnsPolicy: optional(z.string()),
  dnsConfig: optional(podDnsConfigSchema),
  enableServiceLinks: optional(z.boolean()),
  nodeName: optional(z.string()),
  containers: optional(tolerantList(containerSchema)),
  initContainers: optional(tolerantList(containerSchema)),
  volumes: optional(tolerantList(volumeSchema)),
});

export const podTemplateSchema = z.looseObject({
  metadata: optional(z.looseObject({ labels: optional(stringMap), annotations: optional(stringMap) })),
  spec: optional(podSpecSchema),
});

export type PodSpec = z.infer<typeof podSpecSchema>;
export type ContainerSpec = NonNullable<PodSpec['containers']>[number];
export type PodTemplate = z.infer<typeof podTemplateSchema>;
