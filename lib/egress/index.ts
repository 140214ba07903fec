/**
 * The egress engine: which destinations a space's apps can reach, and why.
 * Pure and synchronous; the server-only catalog loader lives in
 * `./load-catalog` so that this module stays importable anywhere.
 */
export {
  CatalogError,
  parseCatalog,
  type Catalog,
  type CatalogDestination,
  type CatalogEndpoint,
} from "./catalog";
export { defaultCatalog } from "./default-catalog";
export {
  evaluate,
  evaluateLifecycle,
  NOT_ASG_GOVERNED_NOTE,
  type DestinationResult,
  type DestinationStatus,
  type Evaluation,
  type GroupRuleProblem,
  type LifecycleEvaluation,
  type Provenance,
  type SecurityGroup,
} from "./evaluate";
export { destinationNetworks, NO_REACH, reachOf, type Network, type Reach } from "./networks";
export { platformPosture, posture, type Posture, type PostureInput } from "./posture";
export { preview, type Preview } from "./preview";
export type { StatusChange } from "./status-change";
export {
  applyingProfiles,
  DEFAULT_PROFILES,
  profileState,
  type LifecycleBindings,
  type Profile,
  type ProfileState,
} from "./profiles";
export { canReach, type ReachAnswer, type ReachProblem, type ReachQuery } from "./reach";
export {
  parseRule,
  parseRules,
  PROTOCOLS,
  type CfRule,
  type ParsedRule,
  type Protocol,
  type RuleField,
  type RuleProblem,
  type RuleResult,
} from "./rules";
export {
  applyChange,
  effectiveGroups,
  LIFECYCLES,
  sameGroup,
  type BindingChange,
  type Lifecycle,
  type LifecycleGroups,
  type SpaceGroups,
} from "./space";
