import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * At most `max` errors in a response, then one that says how many more there were. The variable limits
 * bound the work; this bounds the answer: a list of 1,000 invalid values would otherwise come back as
 * 1,000 errors (205 KB), each repeating what the first says.
 */
export function errorCapPlugin<Context extends BaseContext>(max: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors || errors.length <= max) return;
          const hidden = errors.length - max;
          const code = errors[0]?.extensions?.code;
          response.body.singleResult.errors = [
            ...errors.slice(0, max),
            { message: `${hidden} more ${hidden === 1 ? 'error' : 'errors'} not shown`, extensions: { code, errorsNotShown: hidden } },
          ];
        },
      };
    },
  };
}
