import * as vscode from 'vscode';
import { sendDefaults, type TransportOptions } from './request';
import { proxyFromEnvironment } from './request/transport';

/** The request settings, checked: a wrong value falls back to the default with a sentence saying so. */
export interface RequestSettings {
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly maxResponseBytes: number;
  readonly transport: TransportOptions;
  /** One sentence per setting that was wrong and replaced by its default. */
  readonly problems: readonly string[];
}

function wholeNumber(section: vscode.WorkspaceConfiguration, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const value = section.get<unknown>(name);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`connector.request.${name} must be a whole number from ${min} to ${max}; using ${fallback}.`);
  return fallback;
}

/** `connector.request.*`, and VS Code's `http.proxy` and `http.proxyStrictSSL` (else the proxy environment variables). */
export function requestSettings(scope?: vscode.Uri): RequestSettings {
  const problems: string[] = [];
  const request = vscode.workspace.getConfiguration('connector.request', scope);
  const http = vscode.workspace.getConfiguration('http', scope);
  const proxy = http.get<string>('proxy')?.trim();
  // Verification goes off only when the user turned it off; the result then says so.
  const strictSSL = http.get<boolean>('proxyStrictSSL') !== false;
  return {
    timeoutMs: wholeNumber(request, 'timeoutMs', sendDefaults.timeoutMs, 100, 600_000, problems),
    maxRedirects: wholeNumber(request, 'maxRedirects', sendDefaults.maxRedirects, 0, 20, problems),
    maxResponseBytes: wholeNumber(request, 'maxResponseBytes', sendDefaults.maxResponseBytes, 1024, 100 * 1024 * 1024, problems),
    transport: { ...(proxy ? { proxy } : proxyFromEnvironment(process.env)), rejectUnauthorized: strictSSL },
    problems,
  };
}
