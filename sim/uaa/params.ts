/**
 * Request parameters of each endpoint. Everything arrives as strings (first value of a repeated
 * parameter); the schemas name what each endpoint reads and bound the sizes.
 */
import { z } from "zod";

const text = z.string().max(4096).optional();

export const authorizeParams = z.object({
  response_type: text,
  client_id: text,
  redirect_uri: text,
  scope: text,
  state: text,
  code_challenge: text,
  code_challenge_method: text,
  nonce: text,
  prompt: text,
});

export const loginForm = z.object({
  username: z.string().max(255).default(""),
  password: z.string().max(255).default(""),
  "X-Uaa-Csrf": text,
});

export const loginPageParams = z.object({ error: text });

export const tokenForm = z.object({
  grant_type: text,
  client_id: text,
  client_secret: text,
  code: text,
  redirect_uri: text,
  code_verifier: text,
  refresh_token: text,
  username: text,
  password: text,
  scope: text,
});

export const logoutParams = z.object({
  redirect: text,
  post_logout_redirect_uri: text,
  client_id: text,
  id_token_hint: text,
});

/** /introspect takes `token`; the deprecated /check_token also `scopes` (comma-separated). */
export const tokenCheckForm = z.object({ token: text, scopes: text });
