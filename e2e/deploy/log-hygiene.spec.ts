import { expect, test } from "@playwright/test";
import { checkLogHygiene } from "../support/log-hygiene";

// Runs after every other spec of the deployment suite (the "logs" project depends on them).
test("the instances' logs of the whole run hold no token, cookie or secret, and carry request ids, users and CF timings", async ({
  request,
}) => {
  const files = (process.env.E2E_APP_LOGS ?? "").split(",").filter(Boolean);
  const secrets = (process.env.E2E_SECRETS ?? "").split(",").filter(Boolean);
  expect(files).toHaveLength(3);
  const counts = await checkLogHygiene(request, process.env.E2E_SIM_URL ?? "", files, secrets);
  test.info().annotations.push({ type: "log lines", description: JSON.stringify(counts) });
});
