/**
 * The `connector-check` executable: runs the bundled command line (cli-main.js) through a V8 code cache kept beside
 * it. Compiling the bundle is a large share of a short run, such as one test request; with the cache it is skipped.
 * The cache is written after the first run (and again whenever V8 rejects it, for a changed bundle or another Node),
 * atomically, and only where dist/ is writable: without it the command line runs the same, only slower to start.
 */
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const mainFile = path.join(__dirname, 'cli-main.js');
const cacheFile = `${mainFile}.cache`;

function readCache(): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
const script = new vm.Script(Module.wrap(fs.readFileSync(mainFile, 'utf8')), { filename: mainFile, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // At exit, the functions the run compiled are in the cache too.
  process.once('exit', () => {
    try {
      const temporary = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // A read-only installation: no cache, the same command line.
    }
  });
}
const mainModule = new Module(mainFile, module);
mainModule.filename = mainFile;
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(mainModule.exports, mainModule.exports, createRequire(mainFile), mainModule, mainFile, __dirname);
