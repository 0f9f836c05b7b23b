/** `npm run emulators`: starts the five provider emulators, points copies of the examples at them, and prints how to call each. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requestCommands } from './commands';
import { type Emulator, pointAtEmulator, providers, startEmulator } from './index';

const examplesDir = path.resolve(__dirname, '..', '..', '..', 'examples');

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-emulators-'));
  const emulators: Emulator[] = [];
  const stop = async () => {
    await Promise.all(emulators.map((emulator) => emulator.close()));
    // The copies point at ports that are now closed: they are of no use once the emulators stop.
    fs.rmSync(folder, { recursive: true, force: true });
  };
  const onSignal = () => void stop().catch((error: unknown) => process.stderr.write(`emulators: ${String(error)}\n`));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const lines = [`Connector emulators are running; press Ctrl+C to stop them. Connector files: ${folder}`];
  try {
    for (const provider of providers) {
      const emulator = await startEmulator(provider);
      emulators.push(emulator);
      const example = fs.readFileSync(path.join(examplesDir, `${provider}.connector.json`), 'utf8');
      const file = path.join(folder, `${provider}.connector.json`);
      const text = pointAtEmulator(example, emulator.origin);
      fs.writeFileSync(file, text);
      lines.push('', `${provider}  ${emulator.origin}`, `  token: ${emulator.token}`);
      for (const { label, command } of await requestCommands(text, file, emulator.token)) lines.push(`  ${label}:`, `    ${command}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulators: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
