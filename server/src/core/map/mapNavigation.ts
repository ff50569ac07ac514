import type { MapLayout } from './layoutMap';
import type { ServiceMap } from './serviceMap';

export type MapDirection = 'up' | 'down' | 'left' | 'right';

/**
 * The node the arrow keys move to from `from`: up and down step through its column; left and right
 * follow a link to the next column that way (the one nearest in height), or, when no link goes
 * there, the nearest node of that column. Undefined at an edge of the map.
 */
export function nodeInDirection(map: ServiceMap, layout: MapLayout, from: string, direction: MapDirection): string | undefined {
  const here = layout.nodes.get(from);
  if (!here) return undefined;
  const centre = (id: string): number => {
    const box = layout.nodes.get(id)!;
    return box.y + box.height / 2;
  };
  const ids = map.nodes.map((node) => node.id).filter((id) => layout.nodes.has(id));
  if (direction === 'up' || direction === 'down') {
    const column = ids.filter((id) => layout.nodes.get(id)!.x === here.x).sort((a, b) => centre(a) - centre(b));
    const index = column.indexOf(from) + (direction === 'down' ? 1 : -1);
    return column[index];
  }
  const ahead = (id: string): boolean => (direction === 'right' ? layout.nodes.get(id)!.x > here.x : layout.nodes.get(id)!.x < here.x);
  const candidates = ids.filter(ahead);
  if (candidates.length === 0) return undefined;
  // the next column that way
  const nextX = direction === 'right' ? Math.min(...candidates.map((id) => layout.nodes.get(id)!.x)) : Math.max(...candidates.map((id) => layout.nodes.get(id)!.x));
  const column = candidates.filter((id) => layout.nodes.get(id)!.x === nextX);
  const linked = new Set(map.edges.flatMap((edge) => (edge.from === from ? [edge.to] : edge.to === from ? [edge.from] : [])));
  const pool = column.some((id) => linked.has(id)) ? column.filter((id) => linked.has(id)) : column;
  const y = centre(from);
  return pool.reduce((best, id) => (Math.abs(centre(id) - y) < Math.abs(centre(best) - y) ? id : best));
}

/** The arrow keys, by their `KeyboardEvent.key`. */
export const ARROW_DIRECTIONS: Readonly<Record<string, MapDirection>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
