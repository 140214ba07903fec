import { cardLabelCss, matrixColumns } from "./columns";
import type { MatrixContext } from "./types";

/**
 * The labels of the matrix's cells on a narrow screen, as one stylesheet per
 * page (server-rendered, with the request's CSP nonce) rather than a label in
 * every cell of a thousand rows.
 */
export function MatrixCardLabels({
  context,
  nonce,
}: {
  context: Pick<MatrixContext, "profiles" | "destinations" | "policyActive">;
  nonce: string | undefined;
}) {
  return <style nonce={nonce}>{cardLabelCss(matrixColumns(context))}</style>;
}
