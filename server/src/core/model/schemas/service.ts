import { z } from 'zod';
import { intOrString, optional, stringMap, tolerantList } from './tolerant';

export const servicePortSchema = z.looseObject({
  name: optional(z.string()),
  protocol: optional(z.string()),
  port: optional(z.number().int()),
  targetPort: optional(intOrString),
  nodePort: optional(z.number().int()),
  appProtocol: optional(z.string()),
});

export const serviceSpecSchema = z.looseObject({
  type: optional(z.string()),
  clusterIP: optional(z.string()),
  clusterIPs: optional(z.array(z.string())),
  ipFamilies: optional(z.array(z.string())),
  ipFamilyPolicy: optional(z.string()),
  selector: optional(stringMap),
  ports: optional(tolerantList(servicePortSchema)),
  externalName: optional(z.string()),
  externalIPs: optional(z.array(z.string())),
  publishNotReadyAddresses: optional(z.boolean()),
  loadBalancerIP: optional(z.string()),
});

export const serviceStatusSchema = z.looseObject({
  loadBalancer: optional(z.looseObject({ ingress: optional(tolerantList(z.looseObject({ ip: optional(z.string()), hostname: optional(z.string()) }))) })),
});

export type ServiceSpec = z.infer<typeof serviceSpecSchema>;
export type ServicePortSpec = NonNullable<ServiceSpec['ports']>[number];
