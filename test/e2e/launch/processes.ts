/**
 * Child processes for the end-to-end launchers: each one starts in its own process group (setsid),
 * and every group still registered is stopped with SIGTERM, then SIGKILL, on exit.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

const groups = new Set<number>();

/** Registers a process group (the pid of a process started with `detached: true`) for stopping. */
export function trackProcessGroup(pgid: number): void {
  groups.add(pgid);
}

/** True while any process of the group exists. */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops one process group: SIGTERM, up to `graceMs` to finish, then SIGKILL and a short wait until it is gone. */
export async function stopProcessGroup(pgid: number, graceMs = 1000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupExists(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  signalGroup(pgid, 'SIGKILL');
  // Give the kernel a moment to take them away, so the run ends with nothing left behind.
  const killDeadline = Date.now() + 2000;
  while (groupExists(pgid) && Date.now() < killDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  groups.delete(pgid);
}

/** Stops every registered process group. */
export async function stopAllProcessGroups(): Promise<void> {
  await Promise.all([...groups].map((pgid) => stopProcessGroup(pgid)));
}

// Last resort when the launcher exits without stopping its children (an exception, process.exit).
process.on('exit', () => {
  for (const pgid of groups) {
    signalGroup(pgid, 'SIGKILL');
  }
});

/** Options of {@link runLogged}. */
export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** File that receives stdout and stderr. */
  logFile: string;
  timeoutMs: number;
}

/** Runs a command in its own process group with output to a log file; rejects on a non-zero exit or timeout. */
export function runLogged(command: string, args: readonly string[], options: RunOptions): Promise<void> {
  const log = fs.openSync(options.logFile, 'a');
  fs.writeSync(log, `$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (child.pid !== undefined) {
    trackProcessGroup(child.pid);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        void stopProcessGroup(child.pid);
      }
      reject(new Error(`${command} timed out after ${options.timeoutMs} ms (log: ${options.logFile})`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) {
        // Leftovers of the command (background helpers) go with it.
        void stopProcessGroup(child.pid, 0);
      }
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal} (log: ${options.logFile})\n${tail(options.logFile, 15)}`));
      }
    });
  });
}

/** The last lines of a log file, for error reports. */
export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
