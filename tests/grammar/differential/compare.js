#!/usr/bin/env node
// Differential check of the dockls Dockerfile grammar against dockerfile-ast
// (the parser behind docker-langserver): for every corpus file, both must
// see the same instruction keywords with the same first and last lines.
//
// Usage: node compare.js NODE_MODULES_DIR CORPUS_DIR OURS_JSONL ALLOWLIST_JSON
//
// OURS_JSONL is the output of dockerfile_instructions.  Files listed in the
// allow-list are differences we examined where dockerfile-ast is the one
// that is wrong; each entry says why.  An allow-listed file that no longer
// differs is reported too, so the list cannot go stale.
'use strict';

const fs = require('fs');
const path = require('path');

const [modules, corpus, oursPath, allowPath] = process.argv.slice(2);
const { DockerfileParser } = require(path.join(modules, 'dockerfile-ast'));
const allow = JSON.parse(fs.readFileSync(allowPath, 'utf8'));

function theirs(text) {
  const dockerfile = DockerfileParser.parse(text);
  return dockerfile.getInstructions().map((instruction) => {
    const range = instruction.getRange();
    return [instruction.getKeyword(), range.start.line, range.end.line];
  });
}

let files = 0;
let differing = 0;
const unexpected = [];
const seenAllowed = new Set();
for (const line of fs.readFileSync(oursPath, 'utf8').split('\n')) {
  if (!line) continue;
  const { file, instructions: ours } = JSON.parse(line);
  const text = fs.readFileSync(path.join(corpus, file), 'utf8');
  const other = theirs(text);
  files++;
  const a = JSON.stringify(ours);
  const b = JSON.stringify(other);
  if (a === b) continue;
  differing++;
  if (allow[file]) {
    seenAllowed.add(file);
    continue;
  }
  let i = 0;
  while (i < ours.length && i < other.length && JSON.stringify(ours[i]) === JSON.stringify(other[i])) i++;
  unexpected.push(`${file}: instruction ${i}: dockls ${JSON.stringify(ours[i])} vs dockerfile-ast ${JSON.stringify(other[i])}`);
}
const stale = Object.keys(allow).filter((f) => !seenAllowed.has(f));
for (const u of unexpected) console.log(`DIFF ${u}`);
for (const f of stale) console.log(`STALE allow-list entry (no longer differs): ${f}`);
console.log(`${files} files compared, ${differing} differ, ${differing - unexpected.length} allow-listed`);
process.exit(unexpected.length || stale.length ? 1 : 0);
