export { createConnectorLanguageService, type ConnectorLanguageService, type ConnectorServiceOptions } from './languageService';
export { allRules, rules, type Rule, type RuleGroup } from './codes';
export { diagnosticSource } from './rules/report';
export { RenameError } from './navigation';
export { semanticTokenLegend, type PlaceholderToken } from './semanticTokens';
export type {
  BlockingDiagnostic, JsonValue, PlanRefusal, PlanResult, PlanScope, PlannedParameter, PlannedVariable, Provider, RequestPlan, RequestTarget, RequestTargetInfo, RequestTargets,
} from './plan';
