#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from './args';
import { clustersCommand } from './clustersCommand';
import { connectCommand } from './connectCommand';
import { envCommand } from './envCommand';
import { lintCommand } from './lintCommand';
import { mapCommand } from './mapCommand';
import { nslookupCommand } from './nslookupCommand';
import { recordsCommand } from './recordsCommand';
import { rulesCommand } from './rulesCommand';
import { UsageError } from './usageError';

const USAGE = `Usage: kube-lookup <command> [options] [PATH...]

Commands:
  lint [PATH...]       lint Kubernetes manifests for Service wiring and DNS mistakes
                       --format text|json|sarif   (default text)
                       --rule ID=SEVERITY[,ID=SEVERITY]   error|warning|info|hint|off, over the config file
  nslookup NAME [PATH...]
                       simulate nslookup NAME from a Pod: its resolv.conf, the search list,
                       and what the cluster DNS answers, with the reasons
                       --type TYPE   any record type: A AAAA SRV PTR CNAME TXT SOA NS MX ANY … (default A)
                       --from NAMESPACE/POD | --namespace NS (default: namespace default)
                       --resolver glibc|musl|nslookup   the search walk (default glibc)
                       --format text|json|dig     (default text)
  records [PATH...]    every record the cluster DNS zone holds
                       --format text|json|zone    (default text; zone = RFC 1035 master file)
  env [NAMESPACE/]POD [PATH...]
                       the service environment variables kubelet gives the Pod
                       --format text|json         (default text)
  connect HOST[:PORT] --from NAMESPACE/POD [PATH...]
                       simulate a connection from a Pod: may it reach the cluster DNS, what the
                       name resolves to, the Service port and ready endpoints, and every
                       NetworkPolicy on the way (HOST:PORT, HOST:PORTNAME or a URL)
                       --protocol TCP|UDP|SCTP    (default TCP)
                       --format text|json         (default text)
  clusters [PATH...]   the apply units found: Kustomize roots, Helm charts, clusters: of the
                       settings, and the plain files; each is checked as its own cluster
                       --format text|json         (default text)
  map [PATH...]        the wiring of one cluster: routes and monitors → Services → workloads →
                       container ports, ExternalName hosts; broken links marked with their findings
                       --namespace NS             only that namespace and what crosses into it
                       --format json|dot|svg      (default json; dot for Graphviz, svg drawn as is)
  rules                print the rule catalogue: id, severity, what it catches, how to fix
                       --format text|json|markdown   (default text)
                       --write-docs DIR   write one Markdown page per rule (docs/rules/)

Common options:
  --config FILE            settings file (default: ./.kube-lookup.yaml when present)
  --cluster NAME           only that apply unit (kube-lookup clusters lists them); lookups need
                           it when the paths hold several
  --no-render              read Kustomize roots as written instead of building each with
                           kustomize or kubectl kustomize, and do not run helm template on Helm
                           charts (see the README's Rendering)
  --no-render-cache        build every Kustomize root again instead of taking the builds kept
                           in ~/.cache/kube-lookup/kustomize while their inputs are unchanged
  --cluster-domain DOMAIN  cluster DNS domain (default cluster.local)
  --pods MODE              CoreDNS pods mode: disabled|insecure|verified (default insecure)
  --endpoint-pod-names     name endpoints after their Pods (CoreDNS endpoint_pod_names)
  --dns-profile PROFILE    coredns (CoreDNS as kubeadm configures it) or spec (kubernetes/dns 1.1.0 only)
  --corefile FILE          answer as this Corefile's server (default: the kube-system/coredns ConfigMap
                           of the manifests, else kubeadm's Corefile built from the DNS options)
  -h, --help               show this help

PATH is a file or folder (searched for *.yaml, *.yml, *.json); the default is the current folder.
  - is the standard input: rendered output, e.g. helm template … | kube-lookup lint -
Exit codes: lint: 0 no finding at error severity, 1 some finding at error severity;
  nslookup: 0 an answer, 1 no answer (NXDOMAIN, NODATA, SERVFAIL, REFUSED, or forwarded upstream without a static one);
  connect: 0 connected, 1 any other verdict;
  records, env, map, rules: 0; every command: 2 usage or I/O error.
`;

export function run(argv: readonly string[], io = { stdout: (text: string) => void process.stdout.write(text), stderr: (text: string) => void process.stderr.write(text), color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }): number {
  try {
    const args = parseArgs(argv);
    if (args.options.has('version') || args.command === 'version') {
      io.stdout(`${version()}\n`);
      return 0;
    }
    if (args.command === undefined || args.command === 'help' || (args.options.has('help') && args.command === undefined)) {
      io.stdout(USAGE);
      if (args.command !== undefined || args.options.has('help')) return 0;
      // exit 2 always comes with its one-line reason on stderr
      io.stderr('kube-lookup: no command given (try kube-lookup --help)\n');
      return 2;
    }
    if (args.options.has('help')) {
      io.stdout(USAGE);
      return 0;
    }
    const output = { ...io, version: version() };
    switch (args.command) {
      case 'lint':
        return lintCommand(args, output);
      case 'nslookup':
        return nslookupCommand(args, output);
      case 'records':
        return recordsCommand(args, output);
      case 'env':
        return envCommand(args, output);
      case 'connect':
        return connectCommand(args, output);
      case 'rules':
        return rulesCommand(args, output);
      case 'clusters':
        return clustersCommand(args, output);
      case 'map':
        return mapCommand(args, output);
      default:
        throw new UsageError(`unknown command "${args.command}" (try kube-lookup --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kube-lookup: ${error.message}\n`);
      return 2;
    }
    io.stderr(`kube-lookup: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function version(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
