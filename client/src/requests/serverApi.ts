import type { LanguageClient } from 'vscode-languageclient/node';
import { planRequestMethod, requestTargetsMethod, type PlanRequestParams, type PlanRequestResult, type RequestTargetsParams, type RequestTargetsResult } from '../../../server/src/protocol';
import type { RequestTarget } from '../../../server/src/service/plan';

/** What the extension asks the language server about test requests: plans with placeholders unfilled, never a value. */
export class ServerApi {
  constructor(private readonly client: LanguageClient) {}

  /** The connector's name and every request it can send, from the document's current text. */
  async targets(uri: string): Promise<RequestTargetsResult> {
    const params: RequestTargetsParams = { textDocument: { uri } };
    return this.client.sendRequest<RequestTargetsResult>(requestTargetsMethod, params);
  }

  /** The plan of one request, or why it cannot be sent. */
  async plan(uri: string, target: RequestTarget): Promise<PlanRequestResult> {
    const params: PlanRequestParams = { textDocument: { uri }, target };
    return this.client.sendRequest<PlanRequestResult>(planRequestMethod, params);
  }
}
