import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph';

// `npm run compose`: prints composition hints, fails on errors, writes the committed supergraph.
try {
  const { supergraphSdl, hints } = composeSupergraph();
  for (const hint of hints) console.log(`hint: ${hint}`);
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`wrote ${relative(process.cwd(), SUPERGRAPH_PATH)} (${hints.length} hints)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
