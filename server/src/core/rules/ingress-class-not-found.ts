import { hasPlaceholder } from '../placeholders';
import { ingressClassRefOf } from '../references/ingressClass';
import { closestNamed } from './closestName';
import { replaceFix } from './replaceFix';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'ingress-class-not-found',
    description: 'An Ingress `spec.ingressClassName` naming no IngressClass, where the workspace declares IngressClasses (none declared: not judged): no Ingress controller takes the Ingress, so its rules are never served.',
    remediation: 'Set spec.ingressClassName to the metadata.name of an IngressClass (kubectl get ingressclass), or declare that IngressClass; leave it out to use the class marked ingressclass.kubernetes.io/is-default-class.',
    severity: 'warning',
    kinds: ['Ingress'],
    scope: 'cluster',
    messages: {
      noClass: 'spec.ingressClassName "{{name}}" names no IngressClass (the workspace declares {{classes}}), so no Ingress controller takes this Ingress and its rules are never served.',
      didYouMean: 'spec.ingressClassName "{{name}}" names no IngressClass; did you mean "{{closest}}"? Until then no Ingress controller takes this Ingress and its rules are never served.',
    },
    example: {
      wrong: 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop}\nspec:\n  ingressClassName: ngnix\n  defaultBackend:\n    service: {name: shop, port: {number: 80}}',
      right: 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop}\nspec:\n  ingressClassName: nginx\n  defaultBackend:\n    service: {name: shop, port: {number: 80}}',
    },
  },
  check(context, ingress) {
    const ref = ingressClassRefOf(ingress);
    if (!ref || hasPlaceholder(ref.name)) return;
    const { model } = context;
    if (model.objectsNamed('IngressClass', '', ref.name).length > 0) return;
    // IngressClasses come with the controller, often installed apart: judge only a workspace that declares some
    const declared = model.objectsOfKind('IngressClass');
    if (declared.length === 0 || declared.some((ingressClass) => hasPlaceholder(ingressClass.name))) return;
    const closest = closestNamed(ref.name, declared);
    if (closest) {
      context.report({
        messageId: 'didYouMean',
        data: { name: ref.name, closest: closest.name },
        path: ref.path,
        related: [{ object: closest, path: ['metadata', 'name'], message: `IngressClass "${closest.name}" is declared here` }],
        fix: replaceFix(ingress, ref.path, closest.name, `Change the IngressClass to "${closest.name}"`),
      });
      return;
    }
    const names = [...new Set(declared.map((ingressClass) => `"${ingressClass.name}"`))].sort();
    const classes = names.length <= 3 ? names.join(', ') : `${names.length} IngressClasses`;
    context.report({ messageId: 'noClass', data: { name: ref.name, classes }, path: ref.path });
  },
});
