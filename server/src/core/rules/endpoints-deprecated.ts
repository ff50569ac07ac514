import { endpointSlicesFor } from './endpointSliceConversion';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'endpoints-deprecated',
    description: 'The v1 Endpoints API is deprecated since Kubernetes 1.33; CoreDNS and kube-proxy read EndpointSlices, which the mirroring controller makes from hand-written Endpoints.',
    remediation: 'Write a discovery.k8s.io/v1 EndpointSlice labelled kubernetes.io/service-name: <service> instead; the quick fix converts this object.',
    severity: 'info',
    kinds: ['Endpoints'],
    scope: 'object',
    messages: {
      deprecated: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice (labelled kubernetes.io/service-name: {{name}}).',
    },
    example: {
      wrong: 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: database}\nsubsets:\n- addresses: [{ip: 10.0.0.5}]\n  ports: [{port: 5432}]',
      right: 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: database\n  labels:\n    kubernetes.io/service-name: database\naddressType: IPv4\nports:\n- port: 5432\n  protocol: TCP\nendpoints:\n- addresses: ["10.0.0.5"]\n  conditions: {ready: true}',
    },
  },
  check(context, endpoints) {
    context.report({
      messageId: 'deprecated',
      data: { name: endpoints.name },
      path: ['kind'],
      fix: (fixContext) => {
        // only a whole document can be replaced; an item of a List is left alone
        if (endpoints.basePath.length > 0) return undefined;
        const file = fixContext.model.file(endpoints.file);
        const newText = endpointSlicesFor(endpoints, file?.text.includes('\r\n') ? '\r\n' : '\n');
        if (!newText) return undefined;
        return { title: 'Convert to an EndpointSlice', edits: [{ file: endpoints.file, span: endpoints.documentSpan, newText }] };
      },
    });
  },
});
