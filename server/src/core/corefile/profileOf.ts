import type { ClusterModel } from '../model/clusterModel';
import type { AnalysisSettings } from '../settings';
import { inZone } from './dnsProfile';
import type { ManifestObject } from '../model/manifestObject';
import { profileFromCorefile, type DnsProfile } from './dnsProfile';
import { kubeadmCorefile } from './kubeadmCorefile';

/** What the transcript calls the profile built from the settings. */
export const SETTINGS_SOURCE = 'kubeadm\'s Corefile (from the settings)';

const PROFILES = {};

/**
 * The DNS profile of a cluster: the Corefile given by the settings (`--corefile`, `corefile:`),
 * else the `Corefile` key of the `kube-system/coredns` ConfigMap of the manifests, else kubeadm's
 * Corefile built from the DNS settings. A Corefile that does not parse is not used: the profile is
 * then the settings', and `replaced` says why.
 */
export function dnsProfileOf(model: ClusterModel): DnsProfile & { readonly replaced?: string } {
  return model.memo(PROFILES, 'profile', () => {
    const given = model.corefile;
    const configMap = given ? undefined : corednsConfigMap(model);
    const chosen = given ? profileFromCorefile(given.text, given.source, 'file')
      : configMap ? profileFromCorefile(configMap.text, configMap.object.file, 'configmap', configMap.lineOffset)
        : undefined;
    const fromSettings = profileFromCorefile(kubeadmCorefile(model.settings), SETTINGS_SOURCE, 'settings');
    if (!chosen) return fromSettings;
    if (chosen.errors.length === 0) return chosen;
    const first = chosen.errors[0];
    return { ...fromSettings, replaced: `the Corefile of ${chosen.source} does not parse (line ${chosen.lineOffset + first.line}: ${first.message}), so the answers are those of ${SETTINGS_SOURCE}` };
  });
}

/** The kube-system/coredns ConfigMap's Corefile, and the line of the manifest just before its first line. */
export function corednsConfigMap(model: ClusterModel): { object: ManifestObject; text: string; lineOffset: number } | undefined {
  for (const object of model.objectsNamed('ConfigMap', 'kube-system', 'coredns')) {
    const corefile = corefileOf(object);
    if (corefile === undefined) continue;
    return { object, text: corefile, lineOffset: corefileLineOffset(model.file(object.file)?.text, object) };
  }
  return undefined;
}

export function corefileOf(object: ManifestObject): string | undefined {
  const data = object.body?.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const text = (data as Record<string, unknown>).Corefile;
  return typeof text === 'string' ? text : undefined;
}

/**
 * Where the Corefile's first line is in the manifest: after `Corefile: |` (a block scalar keeps the
 * lines one for one). A Corefile written otherwise (quoted, in JSON) is cited by its own lines.
 */
function corefileLineOffset(text: string | undefined, object: ManifestObject): number {
  if (text === undefined) return 0;
  const document = text.slice(object.documentSpan.start, object.documentSpan.end);
  const match = /^[ \t]*["']?Corefile["']?[ \t]*:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$/m.exec(document);
  if (!match) return 0;
  const before = text.slice(0, object.documentSpan.start + match.index);
  return before.split('\n').length;
}

/**
 * The DNS settings as the Corefile sets them: the options of the kubernetes plugin serving the
 * cluster domain (`pods`, `endpoint_pod_names`, `ignore empty_service`, `ttl`) over the settings, so
 * `records`, hovers and the zone export publish what the Corefile's server answers. Under the spec
 * profile, or without a Corefile, the settings themselves.
 */
export function dnsSettingsOf(model: ClusterModel): AnalysisSettings {
  if (model.settings.dnsProfile === 'spec') return model.settings;
  return model.memo(PROFILES, 'settings', () => {
    const profile = dnsProfileOf(model);
    if (profile.origin === 'settings') return model.settings;
    const zone = model.settings.clusterDomain.replace(/\.$/, '').toLowerCase();
    const plugin = profile.servers.map((server) => server.kubernetes).find((kubernetes) => kubernetes?.zones.some((candidate) => candidate !== '.' && inZone(zone, candidate)));
    if (!plugin) return model.settings;
    return { ...model.settings, pods: plugin.pods, endpointPodNames: plugin.endpointPodNames, ignoreEmptyService: plugin.ignoreEmptyService, dnsTtl: plugin.ttl };
  });
}
