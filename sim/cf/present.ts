import type { IsolationSegment, Job, Org, Role, SecurityGroup, Space, User } from "../world";

/**
 * Resources rendered as the CF API v3 renders them: the shapes of the
 * official examples in sim/fixtures/capi (keys, nesting, null versus
 * absent), with links rooted at the stand-in's own address.
 */
export class Presenter {
  constructor(readonly base: string) {}

  private link(path: string) {
    return { href: `${this.base}${path}` };
  }

  org(org: Org) {
    return {
      guid: org.guid,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
      name: org.name,
      suspended: org.suspended,
      relationships: { quota: { data: { guid: org.quotaGuid } } },
      links: {
        self: this.link(`/v3/organizations/${org.guid}`),
        domains: this.link(`/v3/organizations/${org.guid}/domains`),
        default_domain: this.link(`/v3/organizations/${org.guid}/domains/default`),
        quota: this.link(`/v3/organization_quotas/${org.quotaGuid}`),
      },
      metadata: { labels: {}, annotations: {} },
    };
  }

  space(space: Space) {
    return {
      guid: space.guid,
      created_at: space.createdAt,
      updated_at: space.updatedAt,
      name: space.name,
      suspended: space.suspended,
      relationships: {
        organization: { data: { guid: space.orgGuid } },
        quota: { data: null },
      },
      links: {
        self: this.link(`/v3/spaces/${space.guid}`),
        features: this.link(`/v3/spaces/${space.guid}/features`),
        organization: this.link(`/v3/organizations/${space.orgGuid}`),
        apply_manifest: { ...this.link(`/v3/spaces/${space.guid}/actions/apply_manifest`), method: "POST" },
      },
      metadata: { labels: {}, annotations: {} },
    };
  }

  user(user: User) {
    return {
      guid: user.guid,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
      username: user.username,
      presentation_name: user.username,
      origin: user.origin,
      metadata: { labels: {}, annotations: {} },
      links: { self: this.link(`/v3/users/${user.guid}`) },
    };
  }

  role(role: Role) {
    return {
      guid: role.guid,
      created_at: role.createdAt,
      updated_at: role.updatedAt,
      type: role.type,
      relationships: {
        user: { data: { guid: role.userGuid } },
        organization: { data: role.orgGuid ? { guid: role.orgGuid } : null },
        space: { data: role.spaceGuid ? { guid: role.spaceGuid } : null },
      },
      links: {
        self: this.link(`/v3/roles/${role.guid}`),
        user: this.link(`/v3/users/${role.userGuid}`),
        ...(role.orgGuid ? { organization: this.link(`/v3/organizations/${role.orgGuid}`) } : {}),
        ...(role.spaceGuid ? { space: this.link(`/v3/spaces/${role.spaceGuid}`) } : {}),
      },
    };
  }

  /** `running`/`staging` are the bound spaces the caller may see (docs/cf-behaviour.md §2.1). */
  securityGroup(group: SecurityGroup, running: string[], staging: string[]) {
    return {
      guid: group.guid,
      created_at: group.createdAt,
      updated_at: group.updatedAt,
      name: group.name,
      globally_enabled: { ...group.globallyEnabled },
      // A rule keeps exactly the keys that were stored: absent optional keys stay absent.
      rules: group.rules.map((rule) => ({ ...rule })),
      relationships: {
        staging_spaces: { data: staging.map((guid) => ({ guid })) },
        running_spaces: { data: running.map((guid) => ({ guid })) },
      },
      links: { self: this.link(`/v3/security_groups/${group.guid}`) },
    };
  }

  /** The body of a bind: every space now bound for the lifecycle, unfiltered. */
  securityGroupSpaces(group: SecurityGroup, lifecycle: "running" | "staging") {
    const spaces = lifecycle === "running" ? group.runningSpaces : group.stagingSpaces;
    return {
      data: [...spaces].map((guid) => ({ guid })),
      links: { self: this.link(`/v3/security_groups/${group.guid}/relationships/${lifecycle}_spaces`) },
    };
  }

  isolationSegment(segment: IsolationSegment) {
    return {
      guid: segment.guid,
      name: segment.name,
      created_at: segment.createdAt,
      updated_at: segment.updatedAt,
      links: {
        self: this.link(`/v3/isolation_segments/${segment.guid}`),
        organizations: this.link(`/v3/isolation_segments/${segment.guid}/organizations`),
      },
      metadata: { annotations: {}, labels: {} },
    };
  }

  /** A to-one relationship: `links.related` only when it points somewhere. */
  toOneSegment(selfPath: string, segmentGuid: string | null) {
    return {
      data: segmentGuid ? { guid: segmentGuid } : null,
      links: {
        self: this.link(selfPath),
        ...(segmentGuid ? { related: this.link(`/v3/isolation_segments/${segmentGuid}`) } : {}),
      },
    };
  }

  job(job: Job, resourceExists: boolean) {
    return {
      guid: job.guid,
      created_at: job.createdAt,
      updated_at: job.updatedAt,
      operation: job.operation,
      state: job.state,
      links: {
        self: this.link(`/v3/jobs/${job.guid}`),
        ...(resourceExists
          ? { [job.resource.type]: this.link(`/v3/${job.resource.type}s/${job.resource.guid}`) }
          : {}),
      },
      errors: job.errors,
      warnings: job.warnings,
    };
  }
}
