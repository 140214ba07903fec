/**
 * An org's desired egress posture (docs/design.md §10): the policy document and
 * its validation, compliance per space with reasons in words, and the
 * remediation planner. Pure and synchronous, like the engine it builds on;
 * storage and the API routes live elsewhere.
 */
export {
  EMPTY_POLICY,
  MAX_NOTE_LENGTH,
  MAX_RULES,
  POLICY_VERSION,
  POSTURE_PROFILES,
  REQUIRABLE_POSTURES,
  policySchema,
  type Policy,
  type PolicyContext,
  type PolicyRule,
  type Requirement,
  type RequiredPosture,
} from "./schema";
export {
  validatePolicy,
  type PolicyValidation,
  type PolicyWarning,
  type ValidationContext,
} from "./validate";
export { compileGlob, globMatches, MAX_GLOB_LENGTH, prepareName, type CompiledGlob } from "./glob";
export { citeRule, describeDefault, describeRequirement, describeRule } from "./describe";
export { stateFromEgress, stateFromGroups, type RunningGroups, type SpaceState } from "./state";
export { decidingRule, evaluateSpace, judge, unmetFacts, type Compliance, type Decision } from "./evaluate";
export {
  applyOps,
  planSpace,
  planSpaces,
  type Permission,
  type PlanContext,
  type PlanGroup,
  type PlanOp,
  type PlanOutcome,
  type PlanSpace,
  type SpacePlan,
} from "./plan";
export { cfCommandsFor } from "./commands";
export {
  policyAtChange,
  ruleRef,
  standingOf,
  type PolicyAtChange,
  type RuleRef,
  type SpaceStanding,
} from "./at-change";
