/**
 * The order of files in the model, however they are spelt: the CLI names a file by its path (with
 * `\` on Windows), the server by its file URI, where `é` is `%C3%A9` and `a b` is `a%20b`, which
 * sort elsewhere. The first definition of an object defined twice wins lookups, so both compare
 * decoded paths with `/` between folders.
 */
export function compareFiles(a: string, b: string): number {
  if (a === b) return 0;
  const left = decodedUri(a);
  const right = decodedUri(b);
  if (left !== right) {
    const leftSlashed = slashed(left);
    const rightSlashed = slashed(right);
    if (leftSlashed !== rightSlashed) return leftSlashed < rightSlashed ? -1 : 1;
    return left < right ? -1 : 1;
  }
  return a < b ? -1 : 1;
}

function decodedUri(file: string): string {
  // a path keeps its `%`: only URIs are encoded
  if (!file.startsWith('file:') || !file.includes('%')) return file;
  try {
    return decodeURIComponent(file);
  } catch {
    return file;
  }
}

function slashed(file: string): string {
  return file.includes('\\') ? file.replaceAll('\\', '/') : file;
}
