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
    for (const problem of corefileProblems(text)) {
      // the finding covers the Corefile line's text where the manifest first holds it
      context.report({ messageId: problem.messageId, data: { line: problem.line, what: problem.what }, path: ['data', 'Corefile'], part: problem.text || undefined });
    }
  },
});

/** What the rule reports on a Corefile: its first syntax error, then each part not modelled, with the line's text (comment left out). */
export function corefileProblems(text: string): { messageId: 'syntax' | 'notModelled'; line: number; what: string; text: string }[] {
  const profile = profileFromCorefile(text, '', 'file');
  const lines = text.split('\n');
  const lineText = (line: number): string => lines[line - 1]?.replace(/\s#.*$/, '').trim() ?? '';
  return [
    ...profile.errors.slice(0, 1).map((problem) => ({ messageId: 'syntax' as const, line: problem.line, what: problem.message, text: lineText(problem.line) })),
    ...profile.unmodelled.map((problem) => ({ messageId: 'notModelled' as const, line: problem.line, what: problem.message, text: lineText(problem.line) })),
  ];
}
