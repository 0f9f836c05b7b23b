// Bundles the extension client, the language server and the command line into dist/.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // vscode-json-languageservice ships UMD files whose dynamic requires esbuild cannot follow; the ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Some ESM dependencies (fdir) call createRequire(import.meta.url); give the CommonJS bundle a real URL for it.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

/**
 * undici is imported only dynamically, for a proxy or when TLS verification is off (Node's own fetch serves the
 * rest): it is its own file, dist/undici.js, so that the client and the command line do not load it otherwise.
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './undici.js', external: true } : undefined));
  },
};

/**
 * secretlint's rule preset loads node-forge (about 0.7 MB) only to read a GCP `.p12` key file from disk, in a rule the
 * language service never runs (it scans text, not files): that lazy chunk is left out, and an empty module stands in.
 */
const withoutNodeForge = {
  name: 'without-node-forge',
  setup(build) {
    build.onResolve({ filter: /^\.\/index-[\w-]+\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && /secretlint-rule-preset-recommend[\\/]module[\\/]/.test(args.importer) ? { path: args.path, namespace: 'left-out' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'export const i = {};', loader: 'js' }));
  },
};

/**
 * The importers (curl, and OpenAPI with its $ref parser) are loaded only by the commands that import: they are their
 * own file, dist/importers.js, which the client and the command line load on demand.
 */
const importersApart = {
  name: 'importers-apart',
  setup(build) {
    build.onResolve({ filter: /\/importers\/index\.js$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './importers.js', external: true } : undefined));
  },
};

/** The package's `bin`: executable whoever built it (esbuild writes files as plain, and npm links bins only at install). */
const executable = {
  name: 'executable',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0) fs.chmodSync(build.initialOptions.outfile, 0o755);
    });
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [undiciApart, importersApart] },
  { ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', plugins: [withoutNodeForge] },
  // The command line is cli-main.js, run by cli.js through a V8 code cache (see cli/src/launcher.ts). Its dynamic
  // imports become require(), which the launcher provides: a script compiled by node:vm has no module loader of its own.
  { ...common, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli-main.js', supported: { 'dynamic-import': false }, plugins: [undiciApart, importersApart, withoutNodeForge] },
  { ...common, entryPoints: ['cli/src/launcher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [executable] },
  { ...common, entryPoints: ['client/src/importers/index.ts'], outfile: 'dist/importers.js', plugins: [withoutNodeForge] },
  { ...common, entryPoints: ['node_modules/undici/index.js'], outfile: 'dist/undici.js' },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching client, server and cli');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
