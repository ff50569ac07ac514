import type { AnalysisSettings } from '../settings';
import { normalizeName } from './dnsName';
import type { DnsRecord } from './dnsRecord';
import type { Resolution } from './resolveFrom';

/**
 * The transcript of a Resolution: first what `nslookup` prints (bind/busybox layout: Server/Address
 * header, Name/Address pairs, `** server can't find …`), then a short trace of the names tried and
 * why each got its answer. Addresses the simulator allocated are marked `(simulated)`.
 */
export function renderNslookup(resolution: Resolution, settings: AnalysisSettings): string {
  return `${renderNslookupOutput(resolution)}\n${renderTrace(resolution, settings)}`;
}

/** Only the part `nslookup` itself would print. */
export function renderNslookupOutput(resolution: Resolution): string {
  const lines = [`Server:\t\t${resolution.server}`, `Address:\t${resolution.server}#53`, ''];
  if (resolution.answers.length > 0) {
    if (!resolution.authoritative) lines.push('Non-authoritative answer:');
    for (const answer of resolution.answers) lines.push(...answerLines(answer));
  } else if (resolution.rcode === 'NXDOMAIN') {
    lines.push(`** server can't find ${resolution.query}: NXDOMAIN`);
  } else if (resolution.rcode === 'SERVFAIL' || resolution.rcode === 'REFUSED') {
    lines.push(`** server can't find ${resolution.query}: ${resolution.rcode}`);
  } else if (resolution.rcode === 'NODATA') {
    lines.push(`*** Can't find ${resolution.query}: No answer`);
  } else {
    const forwarded = resolution.tried[resolution.tried.length - 1]?.name ?? resolution.query;
    const missed = resolution.tried.length > 1 ? `** server can't find ${resolution.query} in the cluster (NXDOMAIN); ` : '** ';
    lines.push(`${missed}${forwarded} went to the upstream resolver, whose answer is not simulated (give one in upstreamHosts)`);
  }
  return lines.join('\n') + '\n';
}

function answerLines(answer: DnsRecord): string[] {
  const owner = answer.name.replace(/\.$/, '');
  const mark = answer.simulated ? ' (simulated)' : '';
  switch (answer.type) {
    case 'A':
    case 'AAAA':
      return [`Name:\t${owner}`, `Address: ${answer.data}${mark}`];
    case 'CNAME':
      return [`${owner}\tcanonical name = ${answer.data}`];
    case 'SRV':
      return [`${owner}\tservice = ${answer.data}`];
    case 'PTR':
      return [`${owner}\tname = ${answer.data}${mark}`];
    case 'TXT':
      return [`${owner}\ttext = ${answer.data}`];
    case 'NS':
      return [`${owner}\tnameserver = ${answer.data}`];
    case 'SOA': {
      // bind's nslookup prints the SOA field by field
      const [origin, mail, serial, refresh, retry, expire, minimum] = answer.data.split(' ');
      const field = (label: string, value: string): string => `\t${label} = ${value.replace(/\.$/, '')}`;
      return [owner, field('origin', origin), field('mail addr', mail), field('serial', serial), field('refresh', refresh), field('retry', retry), field('expire', expire), field('minimum', minimum)];
    }
  }
}

/** Why the answer is what it is: the resolv.conf used, each name tried with its rcode and reasons. */
export function renderTrace(resolution: Resolution, _settings?: AnalysisSettings): string {
  const conf = resolution.resolvConf;
  const origin = resolution.from.includes('/') ? `Pod ${resolution.from}` : `a Pod in namespace ${resolution.from}`;
  const lines = [`;; kube-lookup: ${resolution.type} lookup from ${origin} (dnsPolicy ${conf.policy}), ${resolution.answeredBy}, ${resolution.resolver} resolver`];
  lines.push(`;; resolv.conf: ${conf.searches.length ? `search ${conf.searches.join(' ')}; ` : ''}nameserver ${conf.nameservers.join(' ') || '(node)'}; options ${conf.options.join(' ') || '(none)'}`);
  lines.push(`;; ${resolution.walk}`);
  resolution.tried.forEach((entry, index) => {
    lines.push(`;; ${index + 1}. ${entry.name}  ${entry.type ? `${entry.type} ` : ''}${entry.rcode}`);
    for (const reason of entry.answer.why) lines.push(`;;      ${reason}`);
  });
  for (const note of resolution.notes) lines.push(`;; note: ${note}`);
  const simulated = [...resolution.answers, ...resolution.additional].filter((answer) => answer.simulated);
  if (simulated.length) lines.push(`;; simulated: ${[...new Set(simulated.map((answer) => answer.type === 'PTR' ? normalizeName(answer.name) : answer.data))].join(', ')} — allocated by kube-lookup, not declared in the manifests`);
  return lines.join('\n') + '\n';
}

/** The `nslookup --format json` shape of the CLI contract (DESIGN.md), plus `simulated` per answer. */
export function resolutionToJson(resolution: Resolution): object {
  return {
    query: resolution.query,
    type: resolution.type,
    from: resolution.from,
    // a failed try keeps its answers only when it has some: the CNAMEs of an NXDOMAIN chain (RFC 6604)
    tried: resolution.tried.map((entry) => ({ name: entry.name, ...(entry.type ? { type: entry.type } : {}), rcode: entry.rcode, ...(entry.rcode !== 'NOERROR' && entry.answer.answers.length > 0 ? { answers: entry.answer.answers.map(answerJson) } : {}) })),
    rcode: resolution.rcode,
    answers: resolution.answers.map(answerJson),
    upstream: resolution.upstream,
    // only when Pods are truncated, so the contract's shape is unchanged otherwise
    ...(resolution.truncated ? { truncated: resolution.truncated } : {}),
  };
}

function answerJson(answer: DnsRecord): object {
  return { name: answer.name, type: answer.type, ttl: answer.ttl, data: answer.data, simulated: answer.simulated };
}
