import type { AlertKind } from "@/lib/alert-format/payload";

/** What the alerts keep in the database (migration 007_alerts). Times are epoch milliseconds. */

export type AlertChannel = "webhook" | "email";
export type DeliveryState = "pending" | "delivered" | "failed";

export type NewDestination = {
  orgGuid: string;
  orgName: string;
  channel: AlertChannel;
  target: string;
  /** A webhook's signing secret, already encrypted; null for email. */
  secret: string | null;
  createdBy: string;
};

/** A destination as the alerts page lists it (never its secret), with its deliveries counted. */
export type DestinationSummary = {
  id: number;
  channel: AlertChannel;
  target: string;
  createdAt: number;
  createdBy: string;
  pending: number;
  delivered: number;
  failed: number;
};

/** A destination as a sender needs it. */
export type Destination = {
  id: number;
  orgGuid: string;
  orgName: string;
  channel: AlertChannel;
  target: string;
  secret: string | null;
};

export type DeliveryRow = {
  id: number;
  destinationId: number;
  channel: AlertChannel;
  target: string;
  kind: string;
  idempotencyKey: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: number;
  deliveredAt: number | null;
};

/** A delivery taken by one sender until `claimedUntil`. */
export type ClaimedDelivery = {
  id: number;
  destination: Destination;
  idempotencyKey: string;
  kind: string;
  payload: string;
  /** Attempts made before this one. */
  attempts: number;
  claimedUntil: number;
};

export type AttemptResult =
  | { ok: true; status: number | null }
  /** `retryAt` null: that was the last attempt, the delivery has failed. */
  | { ok: false; status: number | null; error: string; retryAt: number | null };

export interface AlertStore {
  addDestination(destination: NewDestination): Promise<number>;
  /** Removes the org's destination and its deliveries; false when it was not there. */
  removeDestination(orgGuid: string, id: number): Promise<boolean>;
  destinations(orgGuid: string): Promise<DestinationSummary[]>;
  destination(orgGuid: string, id: number): Promise<Destination | null>;
  subscriptions(orgGuid: string): Promise<AlertKind[]>;
  /** Replaces the org's kinds; the org's name on its destinations is brought up to date too. */
  setSubscriptions(orgGuid: string, orgName: string, kinds: readonly AlertKind[]): Promise<void>;
  /** The org's latest deliveries, newest first. */
  deliveries(orgGuid: string, limit: number): Promise<DeliveryRow[]>;
  /**
   * Takes up to `limit` due pending deliveries for `claimMs` (PostgreSQL: FOR UPDATE SKIP LOCKED,
   * so instances sharing the database never take the same row), with their destinations.
   */
  claimDue(limit: number, claimMs: number): Promise<ClaimedDelivery[]>;
  /** One attempt's result, if the claim is still this sender's. */
  recordAttempt(delivery: Pick<ClaimedDelivery, "id" | "claimedUntil">, result: AttemptResult): Promise<void>;
  /** Every org's deliveries by state (the health check). */
  deliveryCounts(): Promise<Record<DeliveryState, number>>;
}
