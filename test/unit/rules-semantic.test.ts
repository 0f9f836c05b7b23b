import { runRuleCases } from './rules/cases';
import { semanticCases } from './rules/semanticCases';

runRuleCases(semanticCases);
