// One build, two targets from one base (STYLE.md "Build"):
//   host    node/cjs, `vscode` external       -> dist/extension.js
//   webview browser/esm                       -> dist/webview/<name>.js (+ codicons)
// plus the in-host test suite (node/cjs)      -> out/test/host/index.js + out/test/host/**/*.test.js
// Flags: --watch, --production (minified, no sourcemaps, no test bundle).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  // npm test sets SWITCHBOARD_BUILD_LOG=warning for the per-suite rebuilds, so the bundle table prints once.
  logLevel: process.env.SWITCHBOARD_BUILD_LOG ?? 'info',
  legalComments: production ? 'none' : 'inline',
  // jsonc-parser's `main` is a UMD build whose require('./impl/...') calls esbuild cannot follow: use its ES modules.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...base,
    entryPoints: {
      extension: 'src/extension.ts',
      // The tokenizer runs in its own bundle, loaded lazily.
      tokenizer: 'src/host/platform/tokenizerEntry.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    ...base,
    entryPoints: {
      chat: 'webview/chat/main.ts',
      compare: 'webview/compare/main.ts',
      leaderboard: 'webview/leaderboard/main.ts',
      usage: 'webview/usage/main.ts',
    },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];
/** Every in-host test file under `root`, keyed by its output name relative to out/<root>. */
function hostTestEntries(root, dir = root) {
  if (!fs.existsSync(dir)) return {};
  const entries = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(entries, hostTestEntries(root, file));
    else if (entry.name.endsWith('.test.ts')) entries[path.relative(root, file).replace(/\.ts$/, '')] = file;
  }
  return entries;
}

if (!production) {
  // The in-host suites: test/host runs beside the development extension, test/hostInstalled beside the installed
  // .vsix (scripts/rig/runHostTests.ts). Compiled tests of files since moved or deleted would still be loaded by the
  // runner: start clean.
  for (const root of ['test/host', 'test/hostInstalled']) {
    const outdir = path.join('out', root);
    fs.rmSync(outdir, { recursive: true, force: true });
    targets.push({
      ...base,
      entryPoints: { index: `${root}/index.ts`, ...hostTestEntries(root) },
      outdir,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      // mocha is loaded from node_modules at run time: bundling it breaks its dynamic requires.
      external: ['vscode', 'mocha'],
    });
  }
}

/** Codicons ship a CSS file and a font; the webviews load both through asWebviewUri. */
function copyCodicons() {
  const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join('dist', 'webview');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

/** A production build ships no source maps: drop those a development build left in dist/. */
function removeSourceMaps(dir = 'dist') {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) removeSourceMaps(file);
    else if (entry.name.endsWith('.map')) fs.rmSync(file);
  }
}

if (production) removeSourceMaps();
// A missing entry is a broken build, never a bundle quietly left out.
const missing = targets.flatMap((t) => Object.values(t.entryPoints)).filter((entry) => !fs.existsSync(entry));
if (missing.length > 0) {
  console.error(`esbuild.mjs: entry point${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}. Fix the path in esbuild.mjs.`);
  process.exit(1);
}
copyCodicons();
/**
 * Watch mode: one "started"/"finished" pair around all targets' rebuilds, and errors in the shape that
 * .vscode/tasks.json's problem matcher reads.
 */
let activeBuilds = 0;
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => {
      if (activeBuilds++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (--activeBuilds === 0) console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...t, logLevel: 'silent', plugins: [watchReporter] })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
