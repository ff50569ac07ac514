/** Files inside every documented limit that are slow to analyse: what the latency tests open in the server. */

/** Pairs of a Service and a Pod, each of whose selectors and subdomains just miss: many findings, each with a "did you mean". */
export function manyObjects(pairs: number): string {
  const note = 'x'.repeat(280);
  let text = '';
  for (let i = 0; i < pairs; i++) {
    text += `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ns-${i % 50}\n  annotations:\n    note: ${note}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - port: 80\n    targetPort: http\n---\n`;
    text += `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ns-${i % 50}\n  labels:\n    app: app-${i + 1}\n  annotations:\n    note: ${note}\nspec:\n  subdomain: svc-${i + 7}\n  containers:\n  - name: c\n    image: x\n    ports:\n    - containerPort: 8080\n      name: web\n---\n`;
  }
  return text;
}

/** One `List` of StatefulSets at 100,000 replicas, each with a headless Service, up to `size` characters: the workspace's Pod cap, in one document. */
export function replicaList(size: number): string {
  let text = 'apiVersion: v1\nkind: List\nitems:\n';
  for (let i = 0; ; i++) {
    const item = `- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: w${i}}, spec: {replicas: 100000, serviceName: w${i}, selector: {matchLabels: {app: w${i}}}, template: {metadata: {labels: {app: w${i}}}, spec: {containers: [{name: c}]}}}}\n`
      + `- {apiVersion: v1, kind: Service, metadata: {name: w${i}}, spec: {clusterIP: None, selector: {app: w${i}}}}\n`;
    if (text.length + item.length > size) return text;
    text += item;
  }
}

/** A ConfigMap whose data is one tagged mapping of short keys, up to `size` characters (the full YAML parser's case). */
export function taggedMapping(size: number): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tagged}\ndata: !!map\n';
  for (let i = 0; text.length < size; i++) text += `  key-${i}: value-${i}\n`;
  return text;
}

/** A Service, Endpoints, Pod and EndpointSlice whose names and labels are `length` characters long, one letter off each other. */
export function longNames(length: number): string {
  const long = 'a'.repeat(length);
  const typo = long.slice(1) + 'b';
  return `apiVersion: v1\nkind: Service\nmetadata: {name: ${long}}\nspec: {selector: {app: ${long}}, ports: [{port: 80, targetPort: p${long}}]}\n`
    + `---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: ${typo}}\n`
    + `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: ${typo}}}\nspec: {hostname: h, subdomain: ${typo}, containers: [{name: c, ports: [{name: p${typo}, containerPort: 80}]}]}\n`;
}

/** A ConfigMap of anchors, each with an alias, up to `size` characters (at most 100 aliases a document: the rest is a finding). */
export function anchors(size: number): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: anchors}\ndata:\n';
  for (let i = 0; text.length < size; i++) text += `  a${i}: &x${i} value-${i}\n  b${i}: *x${i}\n`;
  return text;
}

/** Pretty-printed JSON Services, one a document, up to `size` characters (read by the full YAML parser). */
export function jsonDocuments(size: number): string {
  const documents: string[] = [];
  let length = 0;
  for (let i = 0; length < size && documents.length < 9_900; i++) {
    const document = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: { selector: { app: `x${i}` }, ports: [{ port: 80, targetPort: 'http' }] } }, null, 1);
    documents.push(document);
    length += document.length + 5;
  }
  return documents.join('\n---\n');
}
