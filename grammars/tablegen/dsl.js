#!/usr/bin/env node
// Evaluates a grammar.js written in tree-sitter's grammar DSL and writes the
// grammar.json that dockls_tablegen reads.
//
// Usage: node dsl.js path/to/grammar.js path/to/grammar.json
//
// The upstream DSL lives in the tree-sitter CLI, which cannot be installed on
// our machines, so this file provides the same global functions (grammar,
// seq, choice, repeat, field, alias, prec, token, ...) with the same JSON
// output shape.  Keeping grammar.js in the upstream DSL means anyone with
// the real CLI can still generate it.
'use strict';

const fs = require('fs');
const path = require('path');

function normalize(value) {
  if (typeof value === 'string') return { type: 'STRING', value };
  if (value instanceof RegExp) return { type: 'PATTERN', value: value.source };
  if (value && typeof value === 'object' && typeof value.type === 'string') return value;
  throw new TypeError(`invalid rule: ${JSON.stringify(value)}`);
}

function blank() { return { type: 'BLANK' }; }
function seq(...members) { return { type: 'SEQ', members: members.map(normalize) }; }
function choice(...members) { return { type: 'CHOICE', members: members.map(normalize) }; }
function optional(rule) { return choice(rule, blank()); }
function repeat(rule) { return { type: 'REPEAT', content: normalize(rule) }; }
function repeat1(rule) { return { type: 'REPEAT1', content: normalize(rule) }; }
function field(name, rule) { return { type: 'FIELD', name, content: normalize(rule) }; }
function token(rule) { return { type: 'TOKEN', content: normalize(rule) }; }
token.immediate = (rule) => ({ type: 'IMMEDIATE_TOKEN', content: normalize(rule) });

function alias(rule, value) {
  const content = normalize(rule);
  if (typeof value === 'string') return { type: 'ALIAS', content, named: false, value };
  if (value && value.type === 'SYMBOL') return { type: 'ALIAS', content, named: true, value: value.name };
  throw new TypeError('alias value must be a string or a symbol');
}

// prec(value, rule); the left/right variants also accept prec.left(rule).
function precWith(type, args) {
  const [value, rule] = args.length === 1 ? [0, args[0]] : args;
  return { type, value, content: normalize(rule) };
}
function prec(value, rule) { return precWith('PREC', [value, rule]); }
prec.left = (...args) => precWith('PREC_LEFT', args);
prec.right = (...args) => precWith('PREC_RIGHT', args);
prec.dynamic = (value, rule) => precWith('PREC_DYNAMIC', [value, rule]);

// `$` in rule functions: any property is a reference to that symbol.
const symbols = new Proxy({}, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined;
    return { type: 'SYMBOL', name };
  },
});

function symbolName(rule, what) {
  if (!rule || rule.type !== 'SYMBOL') throw new TypeError(`${what} entries must be symbols`);
  return rule.name;
}

function grammar(base, options) {
  if (!options) { options = base; base = null; }
  const rules = {};
  if (base) Object.assign(rules, base.rules);
  for (const [name, fn] of Object.entries(options.rules || {})) {
    rules[name] = normalize(fn.call(null, symbols, base && base.rules[name]));
  }
  const list = (key, fallback) => (options[key] ? options[key].call(null, symbols, base && base[key]) : fallback);
  const out = {
    name: options.name,
    rules,
    extras: list('extras', [/\s/]).map(normalize),
    conflicts: list('conflicts', []).map((set) => set.map((r) => symbolName(r, 'conflicts'))),
    precedences: list('precedences', []),
    externals: list('externals', []).map(normalize),
    inline: list('inline', []).map((r) => symbolName(r, 'inline')),
    supertypes: list('supertypes', []).map((r) => symbolName(r, 'supertypes')),
  };
  if (options.word) out.word = symbolName(options.word.call(null, symbols), 'word');
  return out;
}

Object.assign(globalThis, { grammar, seq, choice, optional, repeat, repeat1, field, alias, prec, token, blank });

function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write('usage: node dsl.js GRAMMAR_JS GRAMMAR_JSON\n');
    process.exit(2);
  }
  const result = require(path.resolve(argv[0]));
  fs.writeFileSync(argv[1], JSON.stringify(result, null, 2) + '\n');
}

main(process.argv.slice(2));
