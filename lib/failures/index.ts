export {
  alreadyDone,
  DatabaseUnavailableError,
  failure,
  FailureError,
  httpStatusOf,
  toFailure,
  type Failure,
  type FailureKind,
  type Operation,
} from "./failure";
export { errorBody, errorResponse, type ErrorBody } from "./http";
export { MESSAGES, ORG_REFUSALS, POLICY_MESSAGES, SIGN_IN_NOTICES, type MessageKey } from "./messages";
