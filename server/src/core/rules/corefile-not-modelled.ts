import { profileFromCorefile } from '../corefile/dnsProfile';
import { corefileOf } from '../corefile/profileOf';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'corefile-not-modelled',
    description: 'A part of the Corefile in the kube-system/coredns ConfigMap that the DNS simulation does not model (a plugin, an option, an environment placeholder, a block on another port), or a Corefile that does not parse: nslookup answers leave that part out.',
    remediation: 'Nothing to fix in the cluster: read the transcripts of names this part touches with care, or give kube-lookup a Corefile it models with --corefile (setting corefile).',
    severity: 'info',
    kinds: ['ConfigMap'],
    scope: 'object',
    messages: {
      notModelled: 'Corefile line {{line}}: {{what}}; kube-lookup\'s DNS answers leave it out.',
      syntax: 'The Corefile does not parse at its line {{line}}: {{what}}. CoreDNS would refuse it; kube-lookup answers as kubeadm\'s Corefile built from the settings instead.',
    },
    example: {
      wrong: 'kind: ConfigMap\nmetadata: {name: coredns, namespace: kube-system}\ndata:\n  Corefile: |\n    .:53 {\n        kubernetes cluster.local in-addr.arpa ip6.arpa\n        autopath @kubernetes\n        forward . /etc/resolv.conf\n    }',
      right: 'kind: ConfigMap\nmetadata: {name: coredns, namespace: kube-system}\ndata:\n  Corefile: |\n    .:53 {\n        kubernetes cluster.local in-addr.arpa ip6.arpa {\n           pods insecure\n           fallthrough in-addr.arpa ip6.arpa\n        }\n        forward . /etc/resolv.conf\n    }',
    },
  },
  check(context, object) {
    if (object.namespace !== 'kube-system' || object.name !== 'coredns') return;
    const text = corefileOf(object);
    if (text === undefined) return;
    const profile = profileFromCorefile(text, object.file, 'configmap');
    const lines = text.split('\n');
    // the finding covers the Corefile line's text where the manifest first holds it
    const part = (line: number): string | undefined => lines[line - 1]?.replace(/\s#.*$/, '').trim() || undefined;
    for (const problem of profile.errors.slice(0, 1)) {
      context.report({ messageId: 'syntax', data: { line: problem.line, what: problem.message }, path: ['data', 'Corefile'], part: part(problem.line) });
    }
    for (const problem of profile.unmodelled) {
      context.report({ messageId: 'notModelled', data: { line: problem.line, what: problem.message }, path: ['data', 'Corefile'], part: part(problem.line) });
    }
  },
});
