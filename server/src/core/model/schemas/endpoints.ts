import { z } from 'zod';
import { optional, tolerantList } from './tolerant';

const targetRefSchema = z.looseObject({ kind: optional(z.string()), name: optional(z.string()), namespace: optional(z.string()) });

export const endpointAddressSchema = z.looseObject({
  ip: optional(z.string()),
  hostname: optional(z.string()),
  nodeName: optional(z.string()),
  targetRef: optional(targetRefSchema),
});

export const endpointPortSchema = z.looseObject({
  name: optional(z.string()),
  port: optional(z.number().int()),
  protocol: optional(z.string()),
});

export const endpointSubsetSchema = z.looseObject({
  addresses: optional(tolerantList(endpointAddressSchema)),
  notReadyAddresses: optional(tolerantList(endpointAddressSchema)),
  ports: optional(tolerantList(endpointPortSchema)),
});

export const endpointsSchema = z.looseObject({ subsets: optional(tolerantList(endpointSubsetSchema)) });

export const endpointSliceSchema = z.looseObject({
  addressType: optional(z.string()),
  endpoints: optional(
    tolerantList(
      z.looseObject({
        addresses: optional(z.array(z.string())),
        hostname: optional(z.string()),
        nodeName: optional(z.string()),
        targetRef: optional(targetRefSchema),
        conditions: optional(z.looseObject({ ready: optional(z.boolean().nullable()), serving: optional(z.boolean().nullable()), terminating: optional(z.boolean().nullable()) })),
      }),
    ),
  ),
  ports: optional(tolerantList(z.looseObject({ name: optional(z.string().nullable()), port: optional(z.number().int().nullable()), protocol: optional(z.string().nullable()) }))),
});

export type EndpointsBody = z.infer<typeof endpointsSchema>;
export type EndpointSliceBody = z.infer<typeof endpointSliceSchema>;
