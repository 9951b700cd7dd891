import { mergeResolvers } from '../kit/resolverMaps';
import type { VictimsContext } from './context';
import { mutationResolvers } from './mutationResolvers';
import { queryResolvers } from './queryResolvers';
import { typeResolvers } from './typeResolvers';

export const victimsResolvers = mergeResolvers<VictimsContext>(queryResolvers, mutationResolvers, typeResolvers);
