export {
  alreadyDone,
  DatabaseUnavailableError,
  failure,
  httpStatusOf,
  toFailure,
  type Failure,
  type FailureKind,
  type Operation,
} from "./failure";
export { errorBody, errorResponse, type ErrorBody } from "./http";
export { MESSAGES, type MessageKey } from "./messages";
