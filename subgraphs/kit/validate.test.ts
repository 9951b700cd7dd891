import { idempotencyKeyArg, textArg } from './validate';

describe('free text and keys', () => {
  it('are trimmed and kept, line breaks and tabs included', () => {
    expect(textArg('input.facts', '  拒不履行\n第二行\t续 ', 100)).toBe('拒不履行\n第二行\t续');
  });

  it.each([
    ['U+0000', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['an escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
  ])('refuse %s as BAD_USER_INPUT naming the field, before any database sees it', (_label, value) => {
    expect(() => textArg('input.facts', value, 100)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.facts' }) }),
    );
    expect(() => idempotencyKeyArg('input.idempotencyKey', `key-${value}-0001`)).toThrow(/control characters/);
  });
});
