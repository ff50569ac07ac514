import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { ClusterModel } from '../core/model/clusterModel';
import { locatePlace } from '../core/rules/runRules';
import { spanToRange } from './positions';

const KINDS: Readonly<Record<string, SymbolKind>> = {
  Service: SymbolKind.Interface,
  Endpoints: SymbolKind.Struct,
  EndpointSlice: SymbolKind.Struct,
  Namespace: SymbolKind.Namespace,
  Pod: SymbolKind.Object,
};

/** One symbol per object: `Service default/web`. */
export function documentSymbols(model: ClusterModel, uri: string): DocumentSymbol[] {
  const entry = model.file(uri);
  if (!entry) return [];
  return entry.objects.map((object) => {
    const whole = object.basePath.length > 0 ? locatePlace(model, { object, path: [] }).span : object.documentSpan;
    const name = locatePlace(model, { object, path: ['metadata', 'name'] });
    const range = spanToRange(uri, entry.text, whole);
    const selection = name.found ? spanToRange(uri, entry.text, name.span) : range;
    return {
      name: `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name || '(unnamed)'}`,
      kind: KINDS[object.kind] ?? (object.body ? SymbolKind.Module : SymbolKind.Object),
      range,
      selectionRange: selection,
    };
  });
}
