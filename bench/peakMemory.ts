/** Preloaded (`node --require`) into a measured process: writes its peak resident memory, in kilobytes, to a file when it exits. */
import * as fs from 'node:fs';

const file = process.env.CONNECTOR_BENCH_PEAK_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
