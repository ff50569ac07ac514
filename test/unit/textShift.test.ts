import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextShift } from '../../server/src/service/textShift';

const spanOf = (text: string, part: string): { start: number; end: number } => {
  const start = text.indexOf(part);
  return { start, end: start + part.length };
};

describe('TextShift: places of one text in the next', () => {
  const before = 'name: db\nport: 5432\n';

  it('keeps spans before an insertion and moves those after it', () => {
    const after = 'name: "db\nport: 5432\n';
    const shift = new TextShift(before, after);
    assert.deepEqual(shift.span(spanOf(before, 'name')), spanOf(after, 'name'));
    assert.deepEqual(shift.span(spanOf(before, '5432')), spanOf(after, '5432'));
    // a span around the insertion grows with it
    assert.deepEqual(shift.span(spanOf(before, 'name: db')), spanOf(after, 'name: "db'));
    // one whose text was replaced has no place
    assert.equal(new TextShift(before, 'name: web\nport: 5432\n').span(spanOf(before, 'db')), undefined);
  });

  it('places a span that starts where text was inserted after the insertion, and one that ends there before it', () => {
    const after = 'name: db\n# note\nport: 5432\n';
    const shift = new TextShift(before, after);
    assert.deepEqual(shift.span(spanOf(before, 'port')), spanOf(after, 'port'));
    assert.deepEqual(shift.span(spanOf(before, 'name: db\n')), spanOf(after, 'name: db\n'));
  });

  it('drops spans inside a deleted stretch and moves those after it back', () => {
    const after = 'name: db\n';
    const shift = new TextShift('name: db\nx: 1\ny: 2\n', after);
    assert.equal(shift.span({ start: 9, end: 13 }), undefined);
    assert.deepEqual(shift.span({ start: 0, end: 4 }), { start: 0, end: 4 });
    const longer = 'a\nb\nc\n';
    assert.deepEqual(new TextShift(longer, 'a\nc\n').span({ start: 4, end: 5 }), { start: 2, end: 3 });
  });

  it('maps every span of an unchanged text to itself', () => {
    const shift = new TextShift(before, before);
    assert.deepEqual(shift.span({ start: 3, end: 12 }), { start: 3, end: 12 });
    assert.deepEqual(shift.span({ start: before.length, end: before.length }), { start: before.length, end: before.length });
  });
});
