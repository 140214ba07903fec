"use server";

import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import { readBeforeChange } from "@/lib/changes/apply";
import { getOrganization } from "@/lib/cf/orgs";
import { listUserRoles } from "@/lib/cf/roles";
import { loadCatalog } from "@/lib/egress/load-catalog";
import { env } from "@/lib/env";
import { MESSAGES } from "@/lib/failures";
import { decide } from "@/lib/permissions";
import { platformNetworksOf } from "@/lib/private-egress/platform-networks";
import { requestSchema } from "@/lib/private-egress/schema";
import { buildSupportRequest, type PreparedRequest } from "@/lib/private-egress/support-request";
import { recordPrivateEgressRequest } from "@/lib/private-egress/record";

/**
 * The private-egress request (docs/design.md §7). It sends nothing: it checks the
 * form and the user's right to ask, and answers with the support request
 * for the user to send. Lazy, so the catalog is read on first use, not when
 * the build loads this module.
 */
const schema = z.lazy(() => requestSchema(platformNetworksOf(loadCatalog())));

export const requestPrivateEgress = defineFormAction(
  "private-egress.request",
  schema,
  async (input, ctx): Promise<ActionResult<PreparedRequest>> => {
    const { session, client, log } = ctx;
    const { privateEgressEnabled, supportEmail } = env();
    if (!privateEgressEnabled) {
      return {
        ok: false,
        kind: "forbidden",
        message: `Private egress is not offered on this platform. Contact support at ${supportEmail}.`,
      };
    }
    // The page offers only the orgs the user manages; a forged form may name any org, so CF is asked again.
    // A failed read is said as one (nothing was asked of anyone), not as a change CF did not confirm.
    const [org, roles] = await readBeforeChange(() =>
      Promise.all([getOrganization(client, input.orgGuid), listUserRoles(client, session.user.id)]),
    );
    if (!org) {
      return {
        ok: false,
        kind: "not-found",
        message: MESSAGES.orgGone,
        fieldErrors: { orgGuid: [MESSAGES.orgGone] },
      };
    }
    const decision = decide("request-private-egress", { ...session.user, roles }, org);
    if (!decision.allowed) {
      const { kind, message } = decision.refusal;
      return { ok: false, kind, message, fieldErrors: { orgGuid: [message] } };
    }
    const request = buildSupportRequest(input, {
      orgName: org.name,
      requester: {
        name: session.user.name,
        email: session.user.email,
        role: roles.orgs.get(org.guid)?.has("organization_manager") ? "org-manager" : "platform-admin",
      },
      supportEmail,
    });
    log.info({ org: org.guid, cidrs: input.privateCidrs.length }, "private-egress request prepared");
    const recorded = await recordPrivateEgressRequest(ctx, org.guid, input);
    return {
      ok: true,
      message: `Review it, then send it to ${supportEmail}: open it in your email app, or copy the subject and the message into a support ticket. Nothing has been sent yet.${recorded ? "" : ` ${MESSAGES.requestNotRecorded}`}`,
      request,
    };
  },
);
