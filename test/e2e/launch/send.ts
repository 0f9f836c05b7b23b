/**
 * Send Test Request in the workbench (issue 7), driven through the real UI against a Shopify emulator that the
 * launcher runs: the command palette, the target pick, the input and password boxes, the result document, the code
 * lens, the origin modal, a wrong token and Manage Stored Secrets; then, in a workbench whose folder is not
 * trusted, Restricted Mode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Emulator } from '../../emulators';
import { animationsFinished, createChecks, runCommand, type Outcome } from './ui';

/** The copy of examples/shopify.connector.json, pointed at the emulator, in the e2e workspace. */
export const sendFile = 'shop.connector.json';

/** What the Send Test Request checks need. */
export interface SendSetup {
  readonly baseUrl: string;
  readonly workspace: string;
  readonly screenshots: string;
  /** The development folder as a `vscode-remote:` URI, when the run loads it instead of the VSIX. */
  readonly developmentPath?: string;
  /** The emulator the connector file points at; its token is the one the user types. */
  readonly shop: Emulator;
  /** A second server on another port: where a stored token must not go unasked. */
  readonly other: Emulator;
  /** A token the emulator refuses. */
  readonly wrongToken: string;
  /** Writes a line to the run log. */
  log(message: string): void;
}

const redacted = '•••';
const sendLabel = 'Connector: Send Test Request';
const checkLabel = 'Check: Admin API access token';

/** The workbench on a folder with one file open. */
function workbenchUrl(baseUrl: string, folder: string, file: string, developmentPath?: string): string {
  const port = new URL(baseUrl).port;
  const payload = [['openFile', `vscode-remote://127.0.0.1:${port}${path.join(folder, file)}`]];
  if (developmentPath !== undefined) payload.push(['extensionDevelopmentPath', developmentPath]);
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// Page-side scripts are strings: the launcher is compiled without the DOM library.
/** Records, in the page, each quick input the workbench shows from now on (not one already showing) as `title | placeholder | input type`. */
const recordQuickInputs = `(() => {
  window.connectorQuickInputs = [];
  let last;
  const observe = () => {
    const widget = document.querySelector('.quick-input-widget');
    const visible = widget !== null && widget.style.display !== 'none';
    const input = widget && widget.querySelector('.quick-input-box input');
    const title = (widget && widget.querySelector('.quick-input-title') || {}).textContent || '';
    const now = visible ? [title, input ? input.placeholder : '', input ? input.type : ''].join(' | ') : '';
    if (last !== undefined && now !== last && now !== '') window.connectorQuickInputs.push(now);
    last = now;
  };
  observe();
  if (window.connectorQuickInputObserver) window.connectorQuickInputObserver.disconnect();
  window.connectorQuickInputObserver = new MutationObserver(observe);
  window.connectorQuickInputObserver.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

async function quickInputsShown(page: Page): Promise<string[]> {
  return (await page.evaluate('window.connectorQuickInputs')) as string[];
}

/** The whole text of an editor: select all, copy, read the browser's clipboard (the editor renders only what is in view). */
async function editorText(page: Page, editor: Locator): Promise<string> {
  await editor.locator('.view-lines').click({ position: { x: 200, y: 5 } });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const text = (await page.evaluate('navigator.clipboard.readText()')) as string;
  await page.keyboard.press('Control+Home');
  return text;
}

/** Clicks a button of the modal dialog that is open, and waits for the dialog to close. */
export async function answerDialog(page: Page, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.locator('.monaco-button', { hasText: button }).first().click({ timeout: 10_000 });
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Runs the Send Test Request checks on a new page of the workbench; returns their outcomes. */
export async function runSendChecks(context: BrowserContext, setup: SendSetup): Promise<Outcome[]> {
  const { shop, other, screenshots } = setup;
  const page = await context.newPage();
  const { outcomes, check, skip } = createChecks(page, screenshots, 'send');
  // The page's console (the extension host's console is forwarded to it) goes to a file, which the leak check reads too.
  page.on('console', (message) => fs.appendFileSync(path.join(path.dirname(screenshots), 'send-console.log'), `${message.text()}\n`));
  const connectorTab = page.locator('.tabs-container .tab', { hasText: sendFile });
  const connectorEditor = page.locator('.editor-instance .monaco-editor', { has: page.locator('.view-lines', { hasText: 'X-Shopify-Access-Token' }) }).first();
  const resultTab = page.locator('.tabs-container .tab', { hasText: 'Shopify ·' });
  const resultEditor = (first: string): Locator => page.locator('.editor-instance .monaco-editor', { has: page.locator('.view-lines', { hasText: first }) }).first();
  const lenses = connectorEditor.locator('.codelens-decoration');
  const quickInput = page.locator('.quick-input-widget');
  const quickInputBox = quickInput.locator('.quick-input-box input');
  const toast = (text: string): Locator => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const sendingToast = toast('Connector: sending');
  /**
   * A screenshot for the README, with the mouse parked on the activity bar so no tooltip covers the picture:
   * the whole window, or the top of one part of it.
   */
  const picture = async (name: string, part?: Locator, maxHeight = 800): Promise<void> => {
    await page.mouse.move(24, 450);
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    const box = part === undefined ? null : await part.boundingBox();
    const clip = box === null ? undefined : { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, maxHeight) };
    await page.screenshot({ path: path.join(screenshots, name), clip });
  };

  /** The palette's Send Test Request with the connector editor active; resolves once the target pick shows the check first. */
  const openTargetPick = async (): Promise<void> => {
    await connectorTab.click();
    await runCommand(page, sendLabel);
    await quickInput.locator('.quick-input-title', { hasText: 'Send Test Request · Shopify · Default' }).waitFor({ timeout: 15_000 });
    await quickInput.locator('.monaco-list-row.focused', { hasText: checkLabel }).waitFor({ timeout: 10_000 });
  };
  /**
   * Answers each input box the send shows (a non-secret value: `demo`) until the token's password box shows;
   * checks it is an input of type password, types the token into it and accepts.
   */
  const typePassword = async (secret: string, screenshot?: string): Promise<void> => {
    const prompt = quickInput.locator('.quick-input-message').filter({ hasText: /needs it\.|\(secret\)/ });
    for (let answered = 0; ; answered++) {
      await prompt.waitFor({ timeout: 15_000 });
      const text = await prompt.innerText();
      if (text.includes('(secret)')) break;
      if (answered === 5) throw new Error(`still asking after ${answered} answers: "${text}"`);
      await page.keyboard.type('demo');
      await page.keyboard.press('Enter');
      await quickInput.locator('.quick-input-message').filter({ hasNotText: text }).waitFor({ timeout: 15_000 });
    }
    const type = await quickInputBox.getAttribute('type');
    if (type !== 'password') throw new Error(`the token box is an input of type ${type}, not password`);
    await page.keyboard.type(secret);
    if (screenshot !== undefined) {
      await animationsFinished(quickInput);
      await picture(screenshot);
    }
    await page.keyboard.press('Enter');
  };
  const closeResult = async (): Promise<void> => {
    await resultTab.click({ button: 'middle' });
    await resultTab.waitFor({ state: 'detached', timeout: 10_000 });
  };

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: setup.baseUrl });
  const opened = await check(`the workbench opens ${sendFile}, pointed at the Shopify emulator, with a code lens above each request`, async () => {
    await page.goto(workbenchUrl(setup.baseUrl, setup.workspace, sendFile, setup.developmentPath), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await connectorEditor.waitFor({ timeout: 60_000 });
    await lenses.filter({ hasText: 'Send test request' }).first().waitFor({ timeout: 90_000 });
    await page.locator('.statusbar-item', { hasText: 'Default' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+B'); // the side bar closes: room for the editor and its result
    await page.evaluate(recordQuickInputs);
  });
  if (!opened) {
    await page.close();
    return outcomes;
  }

  const firstSend = await check('Send Test Request from the palette asks for the token in a password box and shows Operational with ••• for the token', async () => {
    await openTargetPick();
    await page.keyboard.press('Enter');
    await typePassword(shop.token, 'send-password.png');
    const editor = resultEditor('Operational:');
    await editor.waitFor({ timeout: 30_000 });
    await sendingToast.waitFor({ state: 'hidden', timeout: 15_000 });
    await picture('send-result.png');
    const text = await editorText(page, editor);
    const firstLine = text.split('\n')[0];
    if (!/^Operational: The server answered 200 OK/.test(firstLine)) throw new Error(`the result begins "${firstLine}"`);
    if (text.includes(shop.token)) throw new Error('the result document shows the token');
    if (!text.includes(`X-Shopify-Access-Token: ${redacted}`)) throw new Error(`the result does not show the token's header as ${redacted}`);
    const received = shop.requests.at(-1);
    if (received?.headers['x-shopify-access-token'] !== shop.token) throw new Error('the emulator did not receive the typed token');
    const asked = await quickInputsShown(page);
    if (!asked.some((shown) => shown.endsWith('| token | password'))) throw new Error(`no password box was seen: ${asked.join('; ')}`);
  });

  const firstLens = async (): Promise<Locator> => {
    // The top-most lens belongs to the auth method, the first request in the file.
    // Lenses out of view stay in the page, hidden.
    const sendLenses = lenses.filter({ hasText: 'Send test request', visible: true });
    const count = await sendLenses.count();
    let best: { index: number; y: number } | undefined;
    for (let index = 0; index < count; index++) {
      const box = await sendLenses.nth(index).boundingBox();
      if (box && (best === undefined || box.y < best.y)) best = { index, y: box.y };
    }
    if (best === undefined) throw new Error('the editor shows no code lens');
    return sendLenses.nth(best.index);
  };

  // The checks that need a stored token, so the first send.
  const afterFirstSend = {
    lens: 'the code lens above the auth method shows the outcome "Operational · 200 · … ms"',
    second: 'a second send asks for nothing but the target; the time from the pick to the result is logged',
    codelens: 'the code lens sends again without any prompt',
    origin: 'after an unsaved edit points the file at another origin, a modal names both origins and Enter (Don\'t Send) sends nothing',
    wrong: 'after Clear Secrets and a wrong token, the result is Failed authentication',
    manage: 'Manage Stored Secrets lists the secret (connector · instance · method · variable, bound origin) and deletes it',
  };
  if (firstSend) {
    await check(afterFirstSend.lens, async () => {
      await lenses.filter({ hasText: /Operational · 200 · \d+ ms/ }).first().waitFor({ timeout: 15_000 });
      await sendingToast.waitFor({ state: 'hidden', timeout: 15_000 });
      const text = await (await firstLens()).innerText();
      if (!/Send test request\s*\|\s*Operational · 200 · \d+ ms/.test(text)) throw new Error(`the auth method's lens reads "${text}"`);
      // The connector's editor group down to the first endpoint: the lens is the subject.
      await picture('send-code-lens.png', page.locator('.editor-group-container', { has: connectorTab }), 520);
    });

    await check(afterFirstSend.second, async () => {
      await closeResult();
      await openTargetPick();
      await page.evaluate(recordQuickInputs);
      const started = Date.now();
      await page.keyboard.press('Enter');
      await resultEditor('Operational:').waitFor({ timeout: 30_000 });
      const elapsed = Date.now() - started;
      setup.log(`send: ${elapsed} ms from quick pick to result document`);
      const asked = await quickInputsShown(page);
      if (asked.length > 0) throw new Error(`it asked: ${asked.join('; ')}`);
    });

    await check(afterFirstSend.codelens, async () => {
      await closeResult();
      const before = shop.requests.length;
      await page.evaluate(recordQuickInputs);
      await (await firstLens()).locator('a', { hasText: 'Send test request' }).click();
      await resultEditor('Operational:').waitFor({ timeout: 30_000 });
      if (shop.requests.length !== before + 1) throw new Error(`the emulator received ${shop.requests.length - before} requests`);
      const asked = await quickInputsShown(page);
      if (asked.length > 0) throw new Error(`it asked: ${asked.join('; ')}`);
    });

    const otherPort = new URL(other.origin).port;
    const shopPort = new URL(shop.origin).port;
    /** Find and Replace in the connector editor, Replace All: the four request URLs change, unsaved. */
    const replaceAll = async (from: string, to: string): Promise<void> => {
      await connectorTab.click();
      await page.keyboard.press('Control+H');
      const find = connectorEditor.locator('.find-widget');
      await find.locator('.find-part .input').fill(from);
      await find.locator('.replace-part .input').fill(to);
      await find.locator('.find-part .matchesCount', { hasText: 'of 4' }).waitFor({ timeout: 10_000 });
      await find.locator('.replace-part [aria-label^="Replace All"]').click();
      await page.keyboard.press('Escape');
      await connectorEditor.locator('.view-lines', { hasText: `${to}/admin` }).waitFor({ timeout: 10_000 });
    };
    await check(afterFirstSend.origin, async () => {
      await replaceAll(`127.0.0.1:${shopPort}`, `127.0.0.1:${otherPort}`);
      await openTargetPick();
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 15_000 });
      const text = await dialog.innerText();
      for (const origin of [other.origin, shop.origin]) {
        if (!text.includes(origin)) throw new Error(`the modal does not name ${origin}: "${text}"`);
      }
      if (!text.includes(`Send your stored secret to ${other.origin}?`)) throw new Error(`the modal reads "${text}"`);
      await animationsFinished(dialog);
      await picture('send-origin-modal.png');
      // Enter takes the default button, which must be Don't Send: a modal read too quickly sends nothing.
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      // The Connector output says the send stopped; only then is "nothing was sent" a fact.
      await runCommand(page, 'Connector: Show Output');
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: `not sent to ${other.origin}` }).waitFor({ timeout: 15_000 });
      if (other.requests.length > 0) throw new Error(`the other server received ${other.requests.length} request(s)`);
      await page.keyboard.press('Control+J'); // the panel closes
      await replaceAll(`127.0.0.1:${otherPort}`, `127.0.0.1:${shopPort}`);
    });

    await check(afterFirstSend.wrong, async () => {
      await connectorTab.click();
      await runCommand(page, 'Connector: Clear Secrets for This Connector');
      await page.locator('.monaco-dialog-box', { hasText: 'Delete the 1 stored secret of Shopify' }).waitFor({ timeout: 15_000 });
      await answerDialog(page, 'Delete');
      await toast('deleted the stored secrets of Shopify').waitFor({ timeout: 10_000 });
      await openTargetPick();
      await page.keyboard.press('Enter');
      await typePassword(setup.wrongToken);
      const editor = resultEditor('Failed authentication:');
      await editor.waitFor({ timeout: 30_000 });
      const text = await editorText(page, editor);
      if (!text.startsWith('Failed authentication:')) throw new Error(`the result begins "${text.split('\n')[0]}"`);
      if (text.includes(setup.wrongToken)) throw new Error('the result document shows the wrong token');
      await lenses.filter({ hasText: /Failed authentication · 401 · \d+ ms/ }).first().waitFor({ timeout: 15_000 });
    });

    await check(afterFirstSend.manage, async () => {
      await connectorTab.click();
      await runCommand(page, 'Connector: Manage Stored Secrets');
      const row = quickInput.locator('.monaco-list-row', { hasText: 'Shopify · Default · admin-token · token' }).first();
      await row.waitFor({ timeout: 15_000 });
      const text = await row.innerText();
      if (!text.includes(`bound to ${shop.origin}`)) throw new Error(`the row reads "${text.replace(/\n/g, ' ')}"`);
      await row.click();
      await page.locator('.monaco-dialog-box', { hasText: 'Delete the stored secret Shopify · Default · admin-token · token?' }).waitFor({ timeout: 15_000 });
      await answerDialog(page, 'Delete');
      await runCommand(page, 'Connector: Manage Stored Secrets');
      await toast('no secrets are stored').waitFor({ timeout: 15_000 });
    });
  } else {
    for (const name of Object.values(afterFirstSend)) {
      skip(name, 'the first send failed');
    }
  }

  await page.close();
  return outcomes;
}

/** What the Restricted Mode checks need: a workbench started with workspace trust on. */
export interface RestrictedSetup {
  readonly baseUrl: string;
  readonly workspace: string;
  readonly screenshots: string;
  readonly developmentPath?: string;
  readonly shop: Emulator;
}

/** Opens the connector file in a folder the user does not trust and checks that sending is off and diagnostics are not. */
export async function runRestrictedChecks(context: BrowserContext, setup: RestrictedSetup): Promise<Outcome[]> {
  const page = await context.newPage();
  const { outcomes, check } = createChecks(page, setup.screenshots, 'restricted');
  const connectorEditor = page.locator('.editor-instance .monaco-editor', { has: page.locator('.view-lines', { hasText: 'X-Shopify-Access-Token' }) }).first();

  const opened = await check(`"No, I don't trust the authors" opens ${sendFile} in Restricted Mode`, async () => {
    await page.goto(workbenchUrl(setup.baseUrl, setup.workspace, sendFile, setup.developmentPath), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-dialog-box', { hasText: 'trust the authors' }).waitFor({ timeout: 60_000 });
    await answerDialog(page, "No, I don't trust the authors");
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 20_000 });
    await connectorEditor.waitFor({ timeout: 30_000 });
  });
  if (!opened) {
    await page.close();
    return outcomes;
  }

  await check('the code lens says Send Test Request is off in Restricted Mode', async () => {
    await connectorEditor.locator('.codelens-decoration', { hasText: 'Send test request is off in Restricted Mode' }).first().waitFor({ timeout: 90_000 });
  });

  await check('Connector: Send Test Request is refused with its sentence, and nothing is sent', async () => {
    const before = setup.shop.requests.length;
    await page.locator('.tabs-container .tab', { hasText: sendFile }).click();
    await runCommand(page, sendLabel);
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Send Test Request is off in Restricted Mode:' }).first().waitFor({ timeout: 15_000 });
    if (setup.shop.requests.length !== before) throw new Error('the emulator received a request');
  });

  await check('diagnostics still work: the Problems panel lists connector(unused-variable)', async () => {
    await page.keyboard.press('Escape');
    await connectorEditor.click({ position: { x: 400, y: 10 } });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'unused-variable' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  await page.close();
  return outcomes;
}
