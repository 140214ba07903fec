/**
 * The request form's field names, in the order of the form (and of its error
 * summary). Apart from the schema, so the client form reads them without
 * bundling zod and the validators.
 */
export const REQUEST_FIELDS = [
  "orgGuid",
  "endpointIp",
  "privateCidrs",
  "endpointType",
  "endpointOther",
  "appCount",
] as const;

export type RequestField = (typeof REQUEST_FIELDS)[number];
