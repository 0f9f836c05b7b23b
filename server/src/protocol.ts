import type { PlanResult, RequestTarget, RequestTargets } from './service';

/** The custom requests between the extension and the language server. They carry plans with placeholders unfilled, never a value. */

/** `connector/requestTargets`: every auth method's check request and every endpoint of a document. */
export const requestTargetsMethod = 'connector/requestTargets';

/** Parameters of `connector/requestTargets`. */
export interface RequestTargetsParams {
  readonly textDocument: { readonly uri: string };
}

/** The answer of `connector/requestTargets`. */
export type RequestTargetsResult = RequestTargets;

/** `connector/planRequest`: the request for a target of a document's current text, or why it cannot be sent. */
export const planRequestMethod = 'connector/planRequest';

/** Parameters of `connector/planRequest`. */
export interface PlanRequestParams {
  readonly textDocument: { readonly uri: string };
  readonly target: RequestTarget;
}

/** The answer of `connector/planRequest`. */
export type PlanRequestResult = PlanResult;
