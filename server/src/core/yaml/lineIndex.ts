/** Converts offsets to zero-based line and UTF-16 character positions, as LSP counts them. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 10) this.lineStarts.push(index + 1);
      else if (code === 13 && text.charCodeAt(index + 1) !== 10) this.lineStarts.push(index + 1);
    }
    this.textLength = text.length;
  }

  private readonly textLength: number;

  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }
}
