/** Converts offsets to zero-based line and UTF-16 character positions, as LSP counts them. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 10) this.lineStarts.push(index + 1);
      else if (code === 13 && text.charCodeAt(index + 1) !== 10) this.lineStarts.push(index + 1);
    }
  }

  position(offset: number): { line: number; character: number } {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    // an offset inside a line break (between CR and LF) stands at the line's end, as the editor's TextDocument puts it
    while (clamped > this.lineStarts[low] && isLineBreak(this.text.charCodeAt(clamped - 1))) clamped--;
    return { line: low, character: clamped - this.lineStarts[low] };
  }
}

function isLineBreak(code: number): boolean {
  return code === 13 || code === 10;
}
