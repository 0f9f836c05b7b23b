/**
 * UI checks in the browser: the workbench with the broken connector file open shows the
 * diagnostic squiggle and the Problems panel row, and screenshots of what a user sees.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The result of one check of the offline run. */
export interface Outcome {
  name: string;
  passed: boolean;
  detail?: string;
}

const brokenFile = 'broken.connector.json';
const bearerFile = 'bearer.connector.json';
const draftFile = 'draft.connector.json';

/** One-based line and column of the first occurrence of `text` in a file, as Go to Line takes them. */
function lineColumnOf(file: string, text: string): { line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(text));
  if (line < 0) {
    throw new Error(`${text} is not in ${file}`);
  }
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

/** Moves the cursor with Go to Line (`line:column`). */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Resolves once the element's animations (a hover's fade-in) have finished, so a screenshot shows it opaque. */
export async function animationsFinished(locator: Locator): Promise<void> {
  await locator.evaluate((element: { getAnimations(options?: { subtree: boolean }): { finished: Promise<unknown> }[] }) =>
    Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)).then(() => undefined),
  );
}

/** Runs a command from the command palette by its label, once the row it selects is that command. */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The palette can close again as it opens when focus is still moving (a tab's hover, a closing widget): one more try.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    try {
      await input.fill(`>${label}`, { timeout: attempt === 1 ? 5_000 : 30_000 });
      break;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The first line of an error, and for a playwright timeout the locator it waited for. */
function firstLines(error: unknown): string {
  // eslint-disable-next-line no-control-regex -- playwright colours its messages
  const lines = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[\d+m/g, '').split('\n');
  const waited = lines.find((line) => /waiting for /.test(line));
  return [lines[0], waited?.trim()].filter(Boolean).join(' ');
}

/** Named checks on one page: each records an outcome, and a failure leaves a screenshot behind. */
export interface Checks {
  readonly outcomes: Outcome[];
  /**
   * Runs one check; resolves with whether it passed. Escape goes first, to close whatever a failed check left open,
   * unless `continuing`: the check goes on from a quick input or dialog that the one before it left open on purpose.
   */
  check(name: string, body: () => Promise<void>, continuing?: boolean): Promise<boolean>;
  /** Records a check that could not run because an earlier one failed. */
  skip(name: string, reason: string): void;
}

/** Checks named `<prefix>: …` whose failure screenshots are `failed-<prefix>-N.png`. */
export function createChecks(page: Page, screenshots: string, prefix: string): Checks {
  const outcomes: Outcome[] = [];
  return {
    outcomes,
    async check(name, body, continuing = false) {
      try {
        if (outcomes.length > 0 && !continuing) {
          // Whatever a failed check left open (a quick input, a menu, a hover) goes first.
          await page.keyboard.press('Escape');
          await page.keyboard.press('Escape');
        }
        await body();
        outcomes.push({ name: `${prefix}: ${name}`, passed: true });
        return true;
      } catch (error) {
        const file = path.join(screenshots, `failed-${prefix}-${outcomes.length + 1}.png`);
        await page.screenshot({ path: file }).catch(() => undefined);
        outcomes.push({ name: `${prefix}: ${name}`, passed: false, detail: `${firstLines(error)} (screenshot: ${file})` });
        return false;
      }
    },
    skip(name, reason) {
      outcomes.push({ name: `${prefix}: ${name}`, passed: false, detail: `not run: ${reason}` });
    },
  };
}

/** Opens the workbench on the workspace with the broken connector file in the editor and runs the UI checks. */
export async function runUiChecks(
  context: BrowserContext,
  baseUrl: string,
  workspace: string,
  screenshots: string,
  extensionDevelopmentPath?: string,
): Promise<Outcome[]> {
  const page = await context.newPage();
  const { outcomes, check } = createChecks(page, screenshots, 'ui');
  const file = path.join(workspace, brokenFile);
  const port = new URL(baseUrl).port;
  const payload = [['openFile', `vscode-remote://127.0.0.1:${port}${file}`]];
  if (extensionDevelopmentPath !== undefined) {
    payload.push(['extensionDevelopmentPath', extensionDevelopmentPath]);
  }
  const url = `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const editor = page.locator('.editor-instance .monaco-editor').first();

  const opened = await check(`the workbench opens ${brokenFile}`, async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await editor.locator('.view-lines', { hasText: 'tokn' }).waitFor({ timeout: 60_000 });
  });
  if (!opened) {
    await page.close();
    return outcomes;
  }

  await check('the editor shows error squiggles', async () => {
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 90_000 });
  });

  await check('the Problems panel lists connector(unknown-placeholder)', async () => {
    await editor.click({ position: { x: 400, y: 10 } });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown-placeholder' }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      await runCommand(page, 'View: Focus Problems');
      await row.waitFor({ state: 'visible', timeout: 10_000 });
    }
    const text = await row.innerText();
    if (!text.includes('connector') || !text.includes('tokn')) {
      throw new Error(`the Problems row reads "${text}"`);
    }
    await page.screenshot({ path: path.join(screenshots, 'diagnostics.png') });
  });

  await check('Quick Fix on the unknown placeholder offers the closest variable', async () => {
    const { line, column } = lineColumnOf(file, '{{tokn}}');
    await goTo(page, line, column + 3);
    // The light bulb shows once the editor has the code actions at the cursor; pressing Ctrl+. before that can
    // race the editor's own request.
    await page.locator('.lightBulbWidget').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.locator('.monaco-list-row', { hasText: 'Change to {{token}}' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await animationsFinished(menu);
    await page.screenshot({ path: path.join(screenshots, 'quick-fix.png') });
    await page.keyboard.press('Escape');
  });

  const bearer = path.join(workspace, bearerFile);
  const bearerOpened = await check(`a click in the Explorer opens ${bearerFile}`, async () => {
    await page.keyboard.press('Control+J'); // the panel closes: more editor for the pictures
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: bearerFile }).first().click({ timeout: 10_000 });
    await editor.locator('.view-lines', { hasText: 'limit' }).waitFor({ timeout: 20_000 });
  });

  if (bearerOpened) {
    await check('a hover on a placeholder describes its variable', async () => {
      const { line, column } = lineColumnOf(bearer, '{{token}}');
      await goTo(page, line, column + 3);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Access token' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      await animationsFinished(hover);
      await page.screenshot({ path: path.join(screenshots, 'hover.png') });
      await page.keyboard.press('Escape');
    });

    await check('completion after {{ lists the variables in scope', async () => {
      const { line, column } = lineColumnOf(bearer, '{{api_version}}/items');
      await goTo(page, line, column + 2);
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.suggest-widget.visible');
      for (const label of ['limit', 'token', 'api_version']) {
        await widget.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 15_000 });
      }
      await animationsFinished(widget);
      await page.screenshot({ path: path.join(screenshots, 'completion.png') });
      await page.keyboard.press('Escape');
    });
  }

  await check(`the Problems panel lists the security and provider faults of ${draftFile}`, async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: draftFile }).first().click({ timeout: 10_000 });
    await editor.locator('.view-lines', { hasText: 'shpat_' }).waitFor({ timeout: 20_000 });
    await editor.click({ position: { x: 400, y: 10 } });
    await page.keyboard.press('Control+Shift+M');
    for (const code of ['insecure-http', 'hardcoded-credential', 'shopify-token-header', 'shopify-store-name', 'secret-in-query', 'shopify-api-version']) {
      await page.locator('.markers-panel .monaco-list-row', { hasText: code }).first().waitFor({ state: 'visible', timeout: 20_000 });
    }
    await page.screenshot({ path: path.join(screenshots, 'security.png') });
  });

  await page.close();
  return outcomes;
}
