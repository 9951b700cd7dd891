import { variableLimitBreach } from './variableLimits';

const limits = { maxListLength: 1000, maxVariableValues: 10_000, maxVariableDepth: 10 };

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level += 1) value = { inner: value };
  return value;
}

describe('the variables of a request', () => {
  it('pass when they stay within every limit, lists of the limit included', () => {
    expect(variableLimitBreach({ categories: Array(1000).fill('VEHICLE'), filter: nested(9) }, limits)).toBeNull();
    expect(variableLimitBreach(undefined, limits)).toBeNull();
    expect(variableLimitBreach(null, limits)).toBeNull();
  });

  it('are refused for a list one longer than the limit, naming the variable', () => {
    expect(variableLimitBreach({ categories: Array(1001).fill('NOT_A_CATEGORY') }, limits)).toEqual({
      field: 'variables.categories',
      limit: 'listLength',
      max: 1000,
      message: 'variables.categories holds 1001 elements, over the limit of 1000',
    });
  });

  it('are refused for a list nested inside an input object, naming the path to it', () => {
    expect(variableLimitBreach({ input: { items: [{ ids: Array(2000).fill('x') }] } }, limits)?.field).toBe('variables.input.items[0].ids');
  });

  it('are refused when many short lists together hold more values than the limit', () => {
    const variables = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`list${i}`, Array(1000).fill(i)]));
    expect(variableLimitBreach(variables, limits)).toMatchObject({ limit: 'variableValues', max: 10_000 });
  });

  it('are refused when nested deeper than the limit, however deep, without recursing', () => {
    expect(variableLimitBreach({ filter: nested(11) }, limits)).toMatchObject({ limit: 'variableDepth', max: 10 });
    // A million levels would overflow a recursive walk's stack long before it answered.
    expect(variableLimitBreach({ filter: nested(1_000_000) }, limits)).toMatchObject({ limit: 'variableDepth' });
  });

  it('count lists and objects alike as levels', () => {
    let value: unknown = 1;
    for (let level = 0; level < 11; level += 1) value = level % 2 ? [value] : { v: value };
    expect(variableLimitBreach({ mixed: value }, limits)).toMatchObject({ limit: 'variableDepth' });
  });
});
