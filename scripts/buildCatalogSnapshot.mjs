#!/usr/bin/env node
// Builds the bundled OpenRouter model snapshot (src/core/catalog/openRouterSnapshot.json) that the catalog
// starts from, so picking and pricing work before the first network call.
//
//   node scripts/buildCatalogSnapshot.mjs <path-or-url-of-a-GET-/models-response> [--out FILE] [--date HTTP-DATE]
//
// Default input: the recorded 2025-05-23 list (test/fixtures/recordings/openrouter-models-2025-05-23.json, copied from
// the real recordings). Pass https://openrouter.ai/api/v1/models to refresh from the live API (no key needed).
// Only the fields ModelInfo needs are kept (parseOpenRouterModels reads the result), descriptions are cut to
// their first paragraph, and prices stay the strings OpenRouter publishes: prices are data, not code.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const dateIndex = args.indexOf('--date');
const out = outIndex >= 0 ? args[outIndex + 1] : 'src/core/catalog/openRouterSnapshot.json';
const source = args.find((arg, index) => !arg.startsWith('--') && index !== outIndex + 1 && index !== dateIndex + 1)
  ?? 'test/fixtures/recordings/openrouter-models-2025-05-23.json';
// when the input is a file, its recording date comes from --date, else from the recordings' index.json
const givenDate = dateIndex >= 0 ? args[dateIndex + 1] : undefined;

function recordedDate(location) {
  try {
    const index = JSON.parse(fs.readFileSync(path.join(path.dirname(location), 'index.json'), 'utf8'));
    return index.find((entry) => entry.file === path.basename(location))?.recorded;
  } catch {
    return undefined;
  }
}

const PRICE_KEYS = ['prompt', 'completion', 'request', 'image', 'internal_reasoning', 'input_cache_read', 'input_cache_write'];
const PARAMETERS = ['tools', 'reasoning', 'include_reasoning'];
const DESCRIPTION_LIMIT = 280;

async function readSource(location) {
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${location} answered ${response.status}`);
    return { body: await response.json(), date: response.headers.get('date') ?? new Date().toUTCString() };
  }
  return { body: JSON.parse(fs.readFileSync(location, 'utf8')), date: undefined };
}

function shortDescription(text) {
  if (typeof text !== 'string') return undefined;
  const paragraph = text.split(/\n\s*\n/)[0].trim();
  if (paragraph.length <= DESCRIPTION_LIMIT) return paragraph;
  const cut = paragraph.slice(0, DESCRIPTION_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DESCRIPTION_LIMIT - 40))}…`;
}

function compact(model) {
  const pricing = {};
  for (const key of PRICE_KEYS) if (model.pricing && model.pricing[key] !== undefined) pricing[key] = model.pricing[key];
  const entry = {
    id: model.id,
    name: model.name,
    created: model.created,
    description: shortDescription(model.description),
    context_length: model.context_length,
    architecture: {
      input_modalities: model.architecture?.input_modalities,
      output_modalities: model.architecture?.output_modalities,
    },
    top_provider: { max_completion_tokens: model.top_provider?.max_completion_tokens ?? undefined },
    supported_parameters: (model.supported_parameters ?? []).filter((name) => PARAMETERS.includes(name)),
    pricing,
  };
  if (model.reasoning) entry.reasoning = {};
  return entry;
}

const { body, date } = await readSource(source);
const models = Array.isArray(body?.data) ? body.data : undefined;
if (!models) throw new Error(`${source} is not a GET /models response (no data array)`);
const data = models.filter((model) => model && typeof model.id === 'string').map(compact);
data.sort((a, b) => a.id.localeCompare(b.id));
const snapshot = { source: path.basename(source), fetched: givenDate ?? date ?? recordedDate(source) ?? null, data };
fs.writeFileSync(out, `${JSON.stringify(snapshot)}\n`);
console.log(`${out}: ${data.length} models, ${fs.statSync(out).size} bytes`);
