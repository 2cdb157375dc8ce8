// Lint each statement (one a line) of a Cypher file with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support, offline) and print the diagnostics as JSON: [[line number, severity, message]].
// Usage: node lint_cypher.mjs FILE
import fs from 'fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const out = [];
lines.forEach((line, index) => {
  if (!line.trim() || line.startsWith('//')) return;
  for (const d of lintCypherQuery(line, {}).diagnostics) out.push([index + 1, d.severity, d.message]);
});
process.stdout.write(JSON.stringify(out));
