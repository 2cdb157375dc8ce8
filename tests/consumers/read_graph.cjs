// Load a GEXF or GraphML file with graphology (what Sigma.js and Gephi Lite use) and print what it holds as JSON.
// Usage: node read_graph.cjs gexf|graphml FILE
const fs = require('fs');
const Graph = require('graphology');

const [, , format, file] = process.argv;
const parser = require(format === 'gexf' ? 'graphology-gexf' : 'graphology-graphml');
const graph = parser.parse(Graph, fs.readFileSync(file, 'utf8'));
const out = {type: graph.type, multi: graph.multi, order: graph.order, size: graph.size,
             attributes: graph.getAttributes(), nodes: {}, edges: []};
graph.forEachNode((node, attributes) => { out.nodes[node] = attributes; });
graph.forEachEdge((key, attributes, source, target, sa, ta, undirected) => {
  out.edges.push({key, source, target, undirected, attributes});
});
process.stdout.write(JSON.stringify(out));
